import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AccessGuard } from './access.guard';
import { AccessTokenEntity } from './access-token.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CheckedTokens } from './checked-tokens';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Accounts, sign-in and the guard that every route passes. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, AccessTokenEntity]), AuditModule],
  controllers: [AuthController, UsersController],
  providers: [
    CheckedTokens,
    AuthService,
    UsersService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
