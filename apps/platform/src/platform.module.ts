import { Module, type DynamicModule } from '@nestjs/common';
import { KernelModule, type Infrastructure, type PlatformConfig } from '@ooh/http-kit';
import { FinanceModule } from '@ooh/finance-feature';
import { OperationsModule } from '@ooh/operations-feature';

/** Every service module in one process, on whatever infrastructure the caller built. */
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig, infra: Infrastructure): DynamicModule {
    return { module: PlatformModule, imports: [KernelModule.forRoot(config, infra), OperationsModule, FinanceModule] };
  }
}
