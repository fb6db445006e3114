import { runService } from '@ooh/runtime';
import { platformService } from './bootstrap';

void runService(platformService);
