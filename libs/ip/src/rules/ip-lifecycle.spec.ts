import { ConflictError, IllegalTransitionError, RequestValidationError } from '@app/platform';
import {
  allowedEvents,
  applyEvent,
  INITIAL_IP_STATE,
  type IpLifecycleEvent,
  type IpState,
  replayEvents,
} from './ip-lifecycle';

const FILED: IpLifecycleEvent = {
  type: 'filed',
  date: '2024-02-29',
  applicationNumber: '4-2024-01234',
};
const THROUGH_GRANT: IpLifecycleEvent[] = [
  FILED,
  { type: 'formality_accepted', date: '2024-03-25' },
  { type: 'published', date: '2024-05-10', reference: 'Công báo SHCN số 434' },
  { type: 'granted', date: '2025-01-20', certificateNumber: '512345' },
];

/** The error a call throws, to look at its class and fields. */
function thrown(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected an error');
}

function fieldsOf(error: Error) {
  expect(error).toBeInstanceOf(RequestValidationError);
  return (error as RequestValidationError).errors;
}

describe('the registration lifecycle', () => {
  it('follows a mark from filing to grant, each stage with its statutory time', () => {
    const steps: Partial<IpState>[] = [
      {
        status: 'filed',
        filingDate: '2024-02-29',
        applicationNumber: '4-2024-01234',
        examinationStage: 'formality',
        examinationDueOn: '2024-03-29',
      },
      {
        status: 'formality_accepted',
        acceptedOn: '2024-03-25',
        examinationStage: 'publication',
        examinationDueOn: '2024-05-25',
      },
      {
        status: 'published',
        publishedOn: '2024-05-10',
        examinationStage: 'substantive',
        examinationDueOn: '2025-02-10',
      },
      {
        status: 'granted',
        statusSince: '2025-01-20',
        certificateNumber: '512345',
        grantDate: '2025-01-20',
        // Filed on 29 Feb 2024: protected to the end of 28 Feb 2034.
        expiresOn: '2034-02-28',
        renewalOpensOn: '2033-08-28',
        renewalClosesOn: '2034-08-28',
        examinationStage: null,
        examinationDueOn: null,
      },
    ];
    let state: IpState = { ...INITIAL_IP_STATE };
    THROUGH_GRANT.forEach((event, i) => {
      state = applyEvent('collective_mark', state, event);
      expect(state).toMatchObject(steps[i]);
    });
    expect(replayEvents('collective_mark', THROUGH_GRANT)).toEqual(state);
  });

  it('moves expiresOn by 10 years per renewal, inside the renewal window', () => {
    const granted = replayEvents('trademark', THROUGH_GRANT);
    const once = applyEvent('trademark', granted, { type: 'renewed', date: '2033-12-01' });
    expect(once).toMatchObject({
      status: 'renewed',
      renewalCount: 1,
      expiresOn: '2044-02-28',
      renewalOpensOn: '2043-08-28',
    });
    const twice = applyEvent('trademark', once, { type: 'renewed', date: '2043-09-01' });
    expect(twice).toMatchObject({ renewalCount: 2, expiresOn: '2054-02-28' });
    // Late, within 6 months after expiry, is still a renewal.
    expect(
      applyEvent('trademark', granted, { type: 'renewed', date: '2034-08-28' }).expiresOn,
    ).toBe('2044-02-28');
    for (const date of ['2033-08-27', '2034-08-29']) {
      const error = thrown(() => applyEvent('trademark', granted, { type: 'renewed', date }));
      expect(fieldsOf(error)).toEqual([
        {
          field: 'date',
          message: `must lie in the renewal window of the term ending 2034-02-28: from 2033-08-28 (6 months before) to 2034-08-28 (6 months after, late); got ${date}`,
        },
      ]);
    }
  });

  it('refuses a grant before filing, saying what a grant follows and what is allowed', () => {
    const error = thrown(() =>
      applyEvent('collective_mark', INITIAL_IP_STATE, {
        type: 'granted',
        date: '2024-03-01',
        certificateNumber: '1',
      }),
    );
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.message).toBe(
      'Cannot record “granted” on a registration that is preparing: “granted” follows publication (published). Events allowed now: filed',
    );
    expect((error as IllegalTransitionError).allowedActions).toEqual(['filed']);
  });

  it('refuses an event dated before the latest one, or after today', () => {
    const filed = applyEvent('trademark', INITIAL_IP_STATE, FILED);
    const early = thrown(() =>
      applyEvent('trademark', filed, { type: 'formality_accepted', date: '2024-02-28' }),
    );
    expect(fieldsOf(early)).toEqual([
      {
        field: 'date',
        message:
          'must not be before 2024-02-29, the date of the latest event (status filed since then); got 2024-02-28',
      },
    ]);
    // The same day is fine.
    expect(
      applyEvent('trademark', filed, { type: 'formality_accepted', date: '2024-02-29' }).status,
    ).toBe('formality_accepted');
    const future = thrown(() =>
      applyEvent(
        'trademark',
        filed,
        { type: 'formality_accepted', date: '2024-04-02' },
        { today: '2024-04-01' },
      ),
    );
    expect(fieldsOf(future)[0].message).toMatch(/^is after today \(2024-04-01 in Viet Nam\)/);
  });

  it('needs the fields each event requires and refuses those it does not take', () => {
    const noNumber = thrown(() =>
      applyEvent('trademark', INITIAL_IP_STATE, { type: 'filed', date: '2024-03-01' }),
    );
    expect(fieldsOf(noNumber)).toEqual([
      {
        field: 'applicationNumber',
        message: 'is required to record a filing: the number the office gave',
      },
    ]);
    const noDate = thrown(() =>
      applyEvent('trademark', INITIAL_IP_STATE, {
        type: 'filed',
        applicationNumber: '4-2024-00001',
      }),
    );
    expect(fieldsOf(noDate).map((e) => e.field)).toEqual(['date']);
    const published = replayEvents('trademark', THROUGH_GRANT.slice(0, 3));
    const noCertificate = thrown(() =>
      applyEvent('trademark', published, {
        type: 'granted',
        date: '2025-01-01',
        applicationNumber: '4-2024-01234',
      }),
    );
    expect(fieldsOf(noCertificate)).toEqual([
      {
        field: 'certificateNumber',
        message: 'is required to record a grant: the certificate’s number',
      },
      { field: 'applicationNumber', message: 'is not taken by granted' },
    ]);
  });

  it('checks the application number against the kind and the filing year', () => {
    const error = thrown(() => applyEvent('geographical_indication', INITIAL_IP_STATE, FILED));
    expect(fieldsOf(error)).toEqual([
      {
        field: 'applicationNumber',
        message:
          "starts with 4-, but a geographical indication's application number starts with 6- (6-YYYY-NNNNN)",
      },
    ]);
    const wrongYear = thrown(() =>
      applyEvent('trademark', INITIAL_IP_STATE, { ...FILED, date: '2025-01-02' }),
    );
    expect(fieldsOf(wrongYear)[0].message).toMatch(/year 2024, but the filing date 2025-01-02/);
  });

  it('gives a geographical indication no term: never renewed, never expired', () => {
    const granted = replayEvents('geographical_indication', [
      { ...FILED, applicationNumber: '6-2024-00012' },
      ...THROUGH_GRANT.slice(1),
    ]);
    expect(granted).toMatchObject({ status: 'granted', expiresOn: null, renewalOpensOn: null });
    expect(allowedEvents('geographical_indication', 'granted')).toEqual([]);
    const error = thrown(() =>
      applyEvent('geographical_indication', granted, { type: 'renewed', date: '2026-01-01' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(/protected without a term: “renewed” applies only to marks/);
  });

  it('records expiry only after the last day of protection', () => {
    const granted = replayEvents('trademark', THROUGH_GRANT);
    const early = thrown(() =>
      applyEvent('trademark', granted, { type: 'expired', date: '2034-02-28' }),
    );
    expect(fieldsOf(early)[0].message).toBe(
      'must be after 2034-02-28, the last day of protection; got 2034-02-28',
    );
    expect(applyEvent('trademark', granted, { type: 'expired', date: '2034-03-01' }).status).toBe(
      'expired',
    );
  });

  it('ends pending applications by refusal or withdrawal, and stops the examination clock', () => {
    const filed = applyEvent('trademark', INITIAL_IP_STATE, FILED);
    expect(
      applyEvent('trademark', filed, { type: 'formality_refused', date: '2024-03-20' }),
    ).toMatchObject({ status: 'refused', examinationStage: null, examinationDueOn: null });
    expect(applyEvent('trademark', filed, { type: 'withdrawn', date: '2024-03-20' })).toMatchObject(
      { status: 'withdrawn', examinationStage: null },
    );
    const published = replayEvents('trademark', THROUGH_GRANT.slice(0, 3));
    expect(applyEvent('trademark', published, { type: 'refused', date: '2025-01-01' }).status).toBe(
      'refused',
    );
  });

  it('lists the events each status allows, as the rules say', () => {
    expect(allowedEvents('trademark', 'preparing')).toEqual(['filed']);
    expect(allowedEvents('trademark', 'filed')).toEqual([
      'formality_accepted',
      'formality_refused',
      'withdrawn',
    ]);
    expect(allowedEvents('trademark', 'formality_accepted')).toEqual(['published', 'withdrawn']);
    expect(allowedEvents('trademark', 'published')).toEqual(['granted', 'refused', 'withdrawn']);
    expect(allowedEvents('trademark', 'granted')).toEqual(['renewed', 'expired']);
    expect(allowedEvents('trademark', 'renewed')).toEqual(['renewed', 'expired']);
    for (const end of ['refused', 'withdrawn', 'expired'] as const) {
      expect(allowedEvents('trademark', end)).toEqual([]);
    }
  });
});
