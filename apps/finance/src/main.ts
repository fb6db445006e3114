import { runService } from '@ooh/runtime';
import { financeService } from './service';

void runService(financeService);
