import { parse } from '../../../server/src/dialects/linux';
import { dialectFiles } from '../helpers';

export const { fixtureText, parseFixture, parseExample } = dialectFiles(parse, __dirname, 'test.sh');
