import { Body, Query } from '@nestjs/common';
import {
  ApiResource,
  CreateRoute,
  GetRoute,
  IdParam,
  ListRoute,
  UpdateRoute,
} from '../http/routes';
import { RequestTarget, type Target } from '../http/target';
import { type Actor, CurrentActor } from './actor';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

const ADMIN = { roles: ['admin'], response: UserDto } as const;

@ApiResource('api/v1/users', 'users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ListRoute('', { roles: ['admin'], summary: 'List accounts', item: UserDto })
  listUsers(@Query() query: UserQueryDto) {
    return this.users.list(query);
  }

  @CreateRoute('', { ...ADMIN, summary: 'Create an account' })
  createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @GetRoute(':id', { ...ADMIN, summary: 'One account' })
  getUser(@IdParam() id: string) {
    return this.users.get(id);
  }

  @UpdateRoute(':id', {
    ...ADMIN,
    summary: 'Change an account; a new password or active=false ends its tokens at once',
  })
  updateUser(@RequestTarget() target: Target, @Body() body: UpdateUserDto) {
    return this.users.update(target, body);
  }
}
