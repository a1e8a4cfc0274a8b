import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/etag';
import { PageOf } from '../http/list-query';
import { uuidPipe } from '../http/validation';
import { type Actor, CurrentActor } from './actor';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { Allow } from './policy.decorator';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/v1/users')
@Allow(['admin'])
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List accounts' })
  @ApiOkResponse({ type: PageOf(UserDto) })
  @ApiProblems(400)
  list(@Query() query: UserQueryDto) {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ operationId: 'createUser', summary: 'Create an account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'One account' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  get(@Param('id', uuidPipe('id')) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change an account; a new password or active=false ends its tokens at once',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, version, body);
  }
}
