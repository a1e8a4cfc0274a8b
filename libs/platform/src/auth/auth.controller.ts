import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems.decorator';
import { CommandRoute, GetRoute } from '../http/routes';
import { type Actor, CurrentActor } from './actor';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto } from './dto/login.dto';
import { UserDto } from './dto/user.dto';
import { Public } from './policy.decorator';
import { ANY_ROLE } from './roles';
import { UsersService } from './users.service';

/** The client address sign-in throttling counts by (behind a proxy: set TRUST_PROXY). */
function clientAddress(request: FastifyRequest): string {
  return request.ip ?? 'unknown';
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary: 'Sign in with username and password; returns a bearer token',
    description:
      'Repeated failures for one username or from one address are slowed, then refused with 429 for a while. ' +
      'The answer never tells whether the username exists.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 413, 415, 429)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, clientAddress(request));
  }

  @CommandRoute('logout', {
    roles: ANY_ROLE,
    summary: 'End the token of this request',
    responseDescription: 'The token no longer works',
  })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @GetRoute('me', {
    roles: ANY_ROLE,
    summary: 'The signed-in user',
    response: UserDto,
  })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.get(actor.userId!);
  }

  @CommandRoute('change-password', {
    roles: ANY_ROLE,
    summary: 'Change your own password; every token of yours ends, sign in again',
    description:
      'A wrong current password counts as a failed sign-in for your username: repeated, it is refused with 429.',
    responseDescription: 'Changed',
    body: 'required',
  })
  @ApiProblems(429)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.auth.changePassword(actor, body, clientAddress(request));
  }
}
