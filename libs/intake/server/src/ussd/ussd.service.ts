import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { newId, RateLimiterService, Translator } from '@coremis/core';
import { CandidateMatchService, PHONE_PATTERN } from '@coremis/registry';
import type { DataSource, EntityManager } from 'typeorm';
import { UssdFlow, UssdSession } from '../entities/ussd.entities';
import { intakeConfig } from '../intake-config';
import { SubmissionSource, SubmissionStatus } from '../intake-vocabulary';
import type { StagedHousehold } from '../mapping/form-mapping';
import { checkSubmissions } from '../review/submission-checks';
import { replayMenu, type UssdArea, type UssdLanguage } from './ussd-menu';

export interface UssdRequest {
  sessionId?: unknown;
  serviceCode?: unknown;
  phoneNumber?: unknown;
  text?: unknown;
}

const SESSION_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const SERVICE_CODE = /^[*#0-9]{1,30}$/;
const TEXT = /^[^\r\n]{0,500}$/;

/**
 * USSD self-application behind an Africa's Talking-style callback. The session lives in PostgreSQL (any
 * API replica can answer the next step): the row is locked while a step is computed, a repeated request
 * gets the same answer, a request for an ended or expired session, or one whose answers do not extend the
 * previous ones, ends with a message. A confirmed application becomes a pending submission in the
 * cleaning queue; a phone that applied already to the programme is told so.
 */
@Injectable()
export class UssdService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly translator: Translator,
    private readonly matcher: CandidateMatchService,
    private readonly limiter: RateLimiterService,
  ) {}

  private say = (key: string, lang: UssdLanguage, args?: Record<string, unknown>) => this.translator.translate(key, lang, args ?? {});

  async handle(programCode: string, request: UssdRequest): Promise<string> {
    const { sessionId, serviceCode, phoneNumber, text } = request;
    const phone = typeof phoneNumber === 'string' ? phoneNumber.replace(/[\s-]/g, '') : '';
    if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId) || typeof serviceCode !== 'string' || !SERVICE_CODE.test(serviceCode) || !PHONE_PATTERN.test(phone) || (text !== undefined && (typeof text !== 'string' || !TEXT.test(text)))) {
      return `END ${this.say('intake.ussd.malformed', 'en')}`;
    }
    const answers = typeof text === 'string' ? text : '';
    // per phone and per session, shared by the replicas (Redis when configured), before any database work
    const config = intakeConfig();
    const [byPhone, bySession] = await Promise.all([
      this.limiter.consume('intake.ussd.phone', phone, config.ussdPhoneLimit, 600),
      this.limiter.consume('intake.ussd.session', sessionId, config.ussdSessionLimit, config.ussdSessionSeconds),
    ]);
    if (!byPhone.allowed || !bySession.allowed) return `END ${this.say('intake.ussd.tooMany', languageOf(answers))}`;
    return this.dataSource.transaction(async (em) => {
      const flow = /^[A-Za-z0-9._-]{1,50}$/.test(programCode) ? await em.findOneBy(UssdFlow, { programCode, active: true }) : null;
      if (!flow) return `END ${this.say('intake.ussd.unavailable', 'en')}`;
      const now = new Date();
      // the first request of a session inserts its row; concurrent duplicates wait on the key, then read it
      await em.query(
        `INSERT INTO intake.ussd_session (session_id, phone, program_code, last_text, last_reply, started_at, updated_at) VALUES ($1, $2, $3, '', '', $4, $4) ON CONFLICT (session_id) DO NOTHING`,
        [sessionId, phone, flow.programCode, now],
      );
      const session = (await em.getRepository(UssdSession).createQueryBuilder('u').where('u.session_id = :sessionId', { sessionId }).setLock('pessimistic_write').getOne())!;
      const fresh = session.lastReply === '';
      const lang = languageOf(answers);
      if (session.phone !== phone || session.programCode !== flow.programCode) return `END ${this.say('intake.ussd.malformed', lang)}`;
      if (!fresh && answers === session.lastText) return session.lastReply; // the operator repeated the request
      if (session.ended) return `END ${this.say('intake.ussd.ended', lang)}`;
      if (now.getTime() - session.startedAt.getTime() > intakeConfig().ussdSessionSeconds * 1000) {
        return this.finish(em, session, answers, `END ${this.say('intake.ussd.expired', lang)}`);
      }
      if (!fresh && session.lastText !== '' && !answers.startsWith(`${session.lastText}*`)) return this.finish(em, session, answers, `END ${this.say('intake.ussd.malformed', lang)}`);
      if (!fresh && session.lastText === '' && answers === '') return session.lastReply;
      // one application per phone and programme, also when two sessions of one phone reach the end together
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('intake.ussd'), hashtext($1 || '|' || $2))`, [flow.programCode, phone]);
      const previous = await this.previousApplication(em, flow.programCode, phone);
      if (previous) return this.finish(em, session, answers, `END ${this.say('intake.ussd.already', lang, { ref: previous.slice(-8).toUpperCase() })}`);
      const tokens = answers === '' ? [] : answers.split('*');
      const step = await replayMenu(tokens, flow, (areaId, language) => this.children(em, areaId, language), this.say);
      if (step.prompt !== null) return this.finish(em, session, answers, `CON ${step.prompt}`, false);
      const a = step.answers;
      const language = a.language ?? 'en';
      if (!a.confirmed) return this.finish(em, session, answers, `END ${this.say('intake.ussd.cancelled', language)}`);
      const id = newId();
      const [given, ...family] = a.name!.split(' ');
      const data: StagedHousehold = {
        household: { areaCode: a.areas.length ? a.areas[a.areas.length - 1].code : null },
        members: [{ givenName: given, familyName: family.join(' ') || null, sex: a.sex, relationship: 'HEAD', phone }],
        answers: { householdSize: a.householdSize, ...a.questions, language },
      };
      const [check] = await checkSubmissions(em, this.matcher, [{ data, scopePath: flow.areaPath, householdId: null }]);
      await em.query(
        `INSERT INTO intake.submission (id, connector_id, source, uuid, instance_id, instance_ids, submitted_at, raw, data, issues, status, area_path, program_code, phone)
         VALUES ($1, NULL, $2, $3::text, $3::text, ARRAY[$3::text], now(), $4, $5, $6, $7, $8, $9, $10)`,
        [id, SubmissionSource.USSD, `ussd:${sessionId}`, JSON.stringify({ sessionId, serviceCode, phoneNumber: phone, text: answers }), JSON.stringify(data), JSON.stringify(check.issues), check.issues.length ? SubmissionStatus.REVIEW : SubmissionStatus.VALID, check.areaPath ?? flow.areaPath, flow.programCode, phone],
      );
      session.submissionId = id;
      return this.finish(em, session, answers, `END ${this.say('intake.ussd.thanks', language, { ref: id.slice(-8).toUpperCase() })}`);
    });
  }

  private async finish(em: EntityManager, session: UssdSession, text: string, reply: string, ended = true): Promise<string> {
    session.lastText = text;
    session.lastReply = reply;
    session.ended = ended;
    session.updatedAt = new Date();
    await em.save(session);
    return reply;
  }

  private async previousApplication(em: EntityManager, programCode: string, phone: string): Promise<string | null> {
    const [row] = (await em.query(`SELECT id FROM intake.submission WHERE program_code = $1 AND phone = $2 AND status <> 'REJECTED' LIMIT 1`, [programCode, phone])) as { id: string }[];
    return row?.id ?? null;
  }

  private async children(em: EntityManager, areaId: string, language: UssdLanguage): Promise<UssdArea[]> {
    const column = language === 'fr' ? 'coalesce(name_fr, name_en)' : language === 'pt' ? 'coalesce(name_pt, name_en)' : 'name_en';
    return (await em.query(`SELECT id, code, ${column} AS name FROM geo.admin_area WHERE parent_id = $1 AND is_active ORDER BY code LIMIT 200`, [areaId])) as UssdArea[];
  }
}

/** The language chosen in the first answer (for messages that end the session). */
function languageOf(text: string): UssdLanguage {
  const first = text.split('*')[0];
  return first === '2' ? 'fr' : first === '3' ? 'pt' : 'en';
}
