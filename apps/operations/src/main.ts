import { runService } from '@ooh/runtime';
import { operationsService } from './service';

void runService(operationsService);
