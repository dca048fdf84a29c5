// A hand-written in-memory PulseStore for unit tests of the pulse use cases: plain arrays the
// test fills and reads back; the same contract as the Prisma store (tenant-scoped, newest round
// first, answers by round and team only).
import type { NewRound, PlannedRound, PulseStore, PulseTeam, PulseTenant, StoredRound, StoredSurvey } from "../../src/core/pulse/pulse-store.js";
import type { AbsenceSpan, PulsePerson } from "../../src/core/pulse/resolve-audience.js";
import type { RoundAnswer } from "../../src/core/pulse/summarise-round.js";

export interface FakeResponse {
  readonly teamId: string | null;
  readonly answers: ReadonlyArray<Omit<RoundAnswer, "teamId">>;
}

export class FakePulseStore implements PulseStore {
  surveyList: StoredSurvey[] = [];
  roundList: StoredRound[] = [];
  optOuts = new Set<string>();
  absenceList: AbsenceSpan[] = [];
  /** Responses by round id. */
  responses = new Map<string, FakeResponse[]>();
  /** Invitees by round id (employee ids). */
  invitees = new Map<string, string[]>();
  planned: NewRound[] = [];
  private nextId = 1;

  constructor(
    readonly tenantRecord: PulseTenant,
    readonly peopleList: PulsePerson[],
    readonly teamList: PulseTeam[],
  ) {}

  async tenant(tenantId: string) {
    return tenantId === this.tenantRecord.id ? this.tenantRecord : null;
  }
  async people() {
    return this.peopleList;
  }
  async teams() {
    return this.teamList;
  }
  async surveys() {
    return this.surveyList;
  }
  async createSurvey(tenantId: string, survey: Parameters<PulseStore["createSurvey"]>[1], now: Date) {
    if (this.surveyList.some((existing) => existing.name.toLowerCase() === survey.name.toLowerCase())) return "duplicate" as const;
    const stored: StoredSurvey = { ...survey, id: `survey-${this.nextId++}`, tenantId, createdAt: now, updatedAt: now };
    this.surveyList.push(stored);
    return stored;
  }
  async updateSurvey(_tenantId: string, surveyId: string, changes: Parameters<PulseStore["updateSurvey"]>[2], now: Date) {
    const index = this.surveyList.findIndex((survey) => survey.id === surveyId);
    if (index < 0) return null;
    const updated = { ...this.surveyList[index]!, ...changes, updatedAt: now };
    this.surveyList[index] = updated;
    return updated;
  }
  async optedOut() {
    return [...this.optOuts];
  }
  async setOptOut(_tenantId: string, employeeId: string, optedOut: boolean) {
    const had = this.optOuts.has(employeeId);
    if (optedOut) this.optOuts.add(employeeId);
    else this.optOuts.delete(employeeId);
    return had !== optedOut;
  }
  async absences(_tenantId: string, fromDate: string) {
    return this.absenceList.filter((span) => span.endsOn >= fromDate);
  }
  async addAbsence(_tenantId: string, span: AbsenceSpan) {
    this.absenceList.push(span);
  }
  async rounds(surveyId: string, limit: number) {
    return this.roundList.filter((round) => round.surveyId === surveyId).sort((a, b) => b.number - a.number).slice(0, limit);
  }
  async planRound(round: NewRound): Promise<PlannedRound | "duplicate"> {
    if (this.roundList.some((existing) => existing.surveyId === round.surveyId && existing.opensOn === round.opensOn)) return "duplicate";
    this.planned.push(round);
    const number = this.roundList.filter((existing) => existing.surveyId === round.surveyId).length + 1;
    const roundId = `round-${this.nextId++}`;
    this.roundList.push({
      id: roundId,
      surveyId: round.surveyId,
      number,
      definition: round.definition,
      opensOn: round.opensOn,
      firstSendAt: round.firstSendAt,
      lastSendAt: round.lastSendAt,
      closesAt: round.closesAt,
      status: round.status,
      invited: round.sends.length,
      threshold: round.threshold,
      commentThreshold: round.commentThreshold,
      closedAt: round.status === "closed" ? round.closesAt : null,
    });
    this.invitees.set(roundId, round.sends.map((send) => send.employeeId));
    return { roundId, number, invited: round.sends.length };
  }
  private kept(roundId: string, teamIds?: readonly string[]): FakeResponse[] {
    return (this.responses.get(roundId) ?? []).filter((response) => teamIds === undefined || (response.teamId !== null && teamIds.includes(response.teamId)));
  }
  async roundResponses(roundId: string, teamIds?: readonly string[]) {
    const kept = this.kept(roundId, teamIds);
    return {
      respondents: kept.filter((response) => response.answers.length > 0).length,
      answers: kept.flatMap((response) => response.answers.map((answer) => ({ ...answer, teamId: response.teamId }))),
    };
  }
  async roundRespondents(roundId: string, teamIds?: readonly string[]) {
    return this.kept(roundId, teamIds).filter((response) => response.answers.length > 0).length;
  }
  /** Rounds closed through the port, in order, and the results posts they queued (round ids). */
  closedRounds: Array<{ roundId: string; now: Date }> = [];
  resultsPosts: string[] = [];
  async closeRound(roundId: string, now: Date) {
    const index = this.roundList.findIndex((round) => round.id === roundId);
    if (index < 0 || this.roundList[index]!.status !== "open") return { closed: false, posted: false };
    this.roundList[index] = { ...this.roundList[index]!, status: "closed", closedAt: now };
    this.closedRounds.push({ roundId, now });
    const survey = this.surveyList.find((candidate) => candidate.id === this.roundList[index]!.surveyId);
    const owner = this.peopleList.find((person) => person.id === survey?.ownerId);
    const posted = (survey?.resultsChannel ?? owner?.slackUserId ?? null) !== null;
    if (posted) this.resultsPosts.push(roundId);
    return { closed: true, posted };
  }
  async roundInvited(roundId: string, teamIds?: readonly string[]) {
    const ids = this.invitees.get(roundId) ?? [];
    if (teamIds === undefined) return ids.length;
    return ids.filter((id) => {
      const teamId = this.peopleList.find((person) => person.id === id)?.teamId ?? null;
      return teamId !== null && teamIds.includes(teamId);
    }).length;
  }
}
