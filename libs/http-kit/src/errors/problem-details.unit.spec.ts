import { ruleViolated } from '@ooh/eventing';
import { toProblem } from './problem-details';

describe('problem details from an application error', () => {
  it('adds the error’s extensions without letting them replace the problem’s own members', () => {
    const problem = toProblem(ruleViolated('VERSION_NOT_READY', 'not yet', { status: 'draft', code: 'X', versionStatus: 'draft' }));
    expect(problem).toMatchObject({ status: 422, code: 'VERSION_NOT_READY', versionStatus: 'draft' });
  });
});

describe('problem details from a framework error', () => {
  it('answers a path parameter too long for any id with 404: it names nothing', () => {
    expect(toProblem(Object.assign(new Error('too long'), { code: 'FST_ERR_MAX_PARAM_LENGTH' }))).toMatchObject({ status: 404, code: 'RESOURCE_NOT_FOUND' });
  });
});
