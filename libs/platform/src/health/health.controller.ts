import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/policy.decorator';
import { ApiProblems } from '../http/api-problems.decorator';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';
  @ApiProperty({ required: false, example: { database: 'up', migrations: 'applied' } })
  checks?: Record<string, string>;
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ operationId: 'healthLive', summary: 'The process is up' })
  @ApiOkResponse({ type: HealthDto })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'healthReady',
    summary: 'The database answers and every migration is applied',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems(503)
  async ready(): Promise<HealthDto> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('The database does not answer');
    }
    if (await this.dataSource.showMigrations()) {
      throw new ServiceUnavailableException('Migrations are pending; run npm run migrate');
    }
    return { status: 'ok', checks: { database: 'up', migrations: 'applied' } };
  }
}
