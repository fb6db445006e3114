import { runService } from '@ooh/runtime';
import { buyingService } from './service';

void runService(buyingService);
