import { parse } from '../../../server/src/dialects/vyos';
import { dialectFiles } from '../helpers';

export const { parseText, fixtureText, parseFixture } = dialectFiles(parse, __dirname, 'test.vyos');
