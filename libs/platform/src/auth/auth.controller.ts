import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblems } from '../http/api-problems.decorator';
import { type Actor, CurrentActor } from './actor';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto } from './dto/login.dto';
import { UserDto } from './dto/user.dto';
import { ANY_ROLE } from './roles';
import { Allow, Public } from './policy.decorator';
import { UsersService } from './users.service';

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
  @ApiProblems(400, 401, 429)
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
  }

  @Post('logout')
  @Allow(ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End the token of this request' })
  @ApiNoContentResponse({ description: 'The token no longer works' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Get('me')
  @Allow(ANY_ROLE)
  @ApiOperation({ operationId: 'me', summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.get(actor.userId);
  }

  @Post('change-password')
  @Allow(ANY_ROLE)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change your own password; every token of yours ends, sign in again',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblems(400)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.auth.changePassword(actor, body);
  }
}
