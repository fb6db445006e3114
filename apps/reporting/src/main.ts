import { runService } from '@ooh/runtime';
import { reportingService } from './service';

void runService(reportingService);
