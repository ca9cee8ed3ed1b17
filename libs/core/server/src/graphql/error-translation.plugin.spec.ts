import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { badInput } from './app-error';
import { clientDatabaseErrorCode, createFormatError } from './error-translation.plugin';

describe('createFormatError', () => {
  const format = createFormatError((key, lang, args) => `${lang}:${key}${args && 'requestId' in args ? `:${args.requestId}` : ''}`);
  const inRequest = <T>(work: () => T) => RequestContext.run({ requestId: 'req-1', ip: null, userAgent: null, lang: 'fr', actor: null }, work);
  const dbError = (code: string) => Object.assign(new QueryFailedError('SELECT $1', ['x'], Object.assign(new Error('db'), { code })), {});

  it('translates application errors in the language of the request', () => {
    const formatted = inRequest(() => format({ message: 'x', path: ['a'] }, new GraphQLError('x', { originalError: badInput('core.errors.invalidCursor') })));
    expect(formatted).toEqual({ message: 'fr:core.errors.invalidCursor:req-1', path: ['a'], locations: undefined, extensions: { code: 'BAD_USER_INPUT', requestId: 'req-1' } });
  });

  it('answers database errors caused by a client value as bad input, and hides the others', () => {
    expect(clientDatabaseErrorCode(dbError('22P02'))).toBe('22P02');
    expect(clientDatabaseErrorCode(dbError('54000'))).toBe('54000');
    expect(clientDatabaseErrorCode(dbError('23505'))).toBeUndefined();
    expect(clientDatabaseErrorCode(new Error('22P02'))).toBeUndefined();
    const client = inRequest(() => format({ message: 'db' }, new GraphQLError('db', { originalError: dbError('22021') })));
    expect(client.extensions).toEqual({ code: 'BAD_USER_INPUT', requestId: 'req-1' });
    expect(client.message).toBe('fr:core.errors.invalidValue');
    const server = inRequest(() => format({ message: 'db' }, new GraphQLError('db', { originalError: dbError('42P01') })));
    expect(server).toEqual({ message: 'fr:core.errors.internal:req-1', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' } });
  });

  it('translates the errors of GraphQL and Apollo by their code, keeping the detail apart', () => {
    const formatted = inRequest(() => format({ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }, new GraphQLError('Operation batching disabled.')));
    expect(formatted.message).toBe('fr:core.errors.malformedRequest:req-1');
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', requestId: 'req-1', detail: 'Operation batching disabled.' });
  });

  it('does not trust a client code carried by an unexpected error', () => {
    const formatted = format({ message: 'boom', extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError('boom', { originalError: new Error('boom') }));
    expect(formatted.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(formatted.message).toBe('en:core.errors.internal:-');
  });
});
