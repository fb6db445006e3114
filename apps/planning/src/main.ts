import { runService } from '@ooh/runtime';
import { planningService } from './service';

void runService(planningService);
