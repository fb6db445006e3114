import { runService } from '@ooh/runtime';
import { productionService } from './service';

void runService(productionService);
