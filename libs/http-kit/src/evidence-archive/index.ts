export * from './evidence-categories';
export * from './evidence-archive.projection';
export * from './evidence-archive.dto';
export * from './evidence-archive.controller';
