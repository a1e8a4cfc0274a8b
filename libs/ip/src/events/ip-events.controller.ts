import { Body, Query } from '@nestjs/common';
import {
  ActionRoute,
  type Actor,
  ApiResource,
  CurrentActor,
  GetRoute,
  IdParam,
  ListRoute,
  RequestTarget,
  type Target,
} from '@app/platform';
import { IpRegistrationDetailDto } from '../registrations/dto/ip-registration.dto';
import { IP_READ, IP_WRITERS } from '../registrations/ip-registrations.controller';
import { CreateIpEventDto, IpEventDto, IpEventQueryDto } from './dto/ip-event.dto';
import { IP_EVENT } from './ip-event.kind';
import { IpEventsService } from './ip-events.service';

/** `:id` is the registration; `:eventId` one event of its history. */
@ApiResource('api/v1/ip-registrations/:id/events', 'ip-registrations')
export class IpEventsController {
  constructor(private readonly events: IpEventsService) {}

  @ListRoute('', {
    ...IP_READ,
    kind: IP_EVENT,
    summary: 'A registration’s events, in the order recorded (voided ones and the voids included)',
    item: IpEventDto,
  })
  listIpRegistrationEvents(
    @CurrentActor() actor: Actor,
    @IdParam() registrationId: string,
    @Query() query: IpEventQueryDto,
  ) {
    return this.events.list(actor, registrationId, query);
  }

  @GetRoute(':eventId', { ...IP_READ, kind: IP_EVENT, summary: 'One event', response: IpEventDto })
  getIpRegistrationEvent(
    @RequestTarget('eventId') target: Target,
    @IdParam() registrationId: string,
  ) {
    return this.events.get(target, registrationId);
  }

  @ActionRoute('', {
    roles: IP_WRITERS,
    scope: ['district'],
    kind: IP_EVENT,
    summary:
      'Record a dated event (filed, formality_accepted, published, granted, renewed…, or voided to correct one); answers the registration as it now stands',
    description:
      'The status, numbers and dates of a registration come from its live events. Each event may follow only certain statuses (409 naming the events allowed now), needs its fields (filed: applicationNumber and date; granted: certificateNumber and date) and a date not before the latest event’s nor after today in Viet Nam (400). `voided` takes a mistaken event out of the history, with a reason; the history keeps both. If-Match (the registration’s ETag) is checked when sent.',
    response: IpRegistrationDetailDto,
  })
  recordIpRegistrationEvent(@RequestTarget() registration: Target, @Body() body: CreateIpEventDto) {
    return this.events.record(registration, body);
  }
}
