import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import type { CommandResult } from '@ooh/eventing';

export class CommandResultDto implements CommandResult {
  @ApiProperty({ description: 'The aggregate the command ran on' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: -1, description: 'Its revision after the command: send it back as If-Match to pin the next one' }) revision!: number;
  @ApiProperty({ description: 'Its status after the command' }) status!: string;
  @ApiProperty({ type: [String], description: 'The events the command recorded (none when it changed nothing)' }) events!: string[];
}

/** A command route: its status code and the CommandResult schema (or a subclass adding fields). */
export const CommandRoute = (status: 200 | 201 = 200, type: new () => CommandResultDto = CommandResultDto) =>
  applyDecorators(HttpCode(status), ApiResponse({ status, type, description: 'The command was carried out (or changed nothing)' }));
