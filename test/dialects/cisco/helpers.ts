import { parse } from '../../../server/src/dialects/cisco';
import { dialectFiles } from '../helpers';

export const { parseText, parseFixture, parseExample } = dialectFiles(parse, __dirname, 'test.ios');
