import { faultStream, inspectionStream, isEMedia, maintenanceStream, siteStream } from './index';

describe('operations-domain public API', () => {
  it('should name streams <context>.<aggregate>-<id>', () => {
    expect(siteStream('SH-L2-001')).toBe('operations.site-SH-L2-001');
    expect(inspectionStream('i-1')).toBe('operations.inspection-i-1');
    expect(maintenanceStream('m-1')).toBe('operations.maintenance-m-1');
    expect(faultStream('f-1')).toBe('operations.fault-f-1');
  });

  it('should count LED screens and tablets as e-media', () => {
    expect((['led-screen', 'tablet', 'light-box', 'other'] as const).filter(isEMedia)).toEqual(['led-screen', 'tablet']);
  });
});
