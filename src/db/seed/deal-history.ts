// Simulated life of one opportunity: created, moved through the stages, close date pushed,
// amount re-scoped, then closed or still open. The current row and every weekly snapshot are
// both read off this one history, so they always agree.
import { isoWeekday } from "./calendar.js";
import { STAGE_LOST, STAGE_NEGOTIATION, STAGE_WON } from "./catalog.js";
import type { Random } from "./random.js";

export type DealOutcome = "won" | "lost" | "open";

/** What the deal looks like today; the simulator invents the way it got there. */
export interface DealPlan {
  createdDay: number;
  outcome: DealOutcome;
  /** open: its current stage (0-4); lost: the stage it was lost from (0-4); won: ignored. */
  stage: number;
  /** won/lost: the day it closed (before today); open: the expected close day (may be past = overdue). */
  closeDay: number;
  /** Final amount, minor units. */
  amountMinor: number;
  /** open only: no activity in the last 15+ days. */
  stale: boolean;
}

export interface DealState {
  stage: number;
  amountMinor: number;
  closeDay: number;
}

/** Marks a field an event leaves alone (every event has every field: one shape, fast to replay). */
const UNCHANGED = -1;

interface DealEvent {
  day: number;
  /** Local minute of the day the change was made. */
  minute: number;
  stage: number;
  amountMinor: number;
  closeDay: number;
}

function change(day: number, minute: number, stage: number, amountMinor: number, closeDay: number): DealEvent {
  return { day, minute, stage, amountMinor, closeDay };
}

export interface DealHistory {
  createdDay: number;
  createdMinute: number;
  initial: DealState;
  /** Sorted by day, then minute. */
  events: DealEvent[];
  lastActivityDay: number;
  lastActivityMinute: number;
}

export interface DealStateAt extends DealState {
  stageEnteredDay: number;
  stageEnteredMinute: number;
  /** Last change to the row (created or any event), for `updated_at`. */
  changedDay: number;
  changedMinute: number;
}

const officeMinute = (random: Random) => random.int(8 * 60 + 30, 18 * 60);

/** Rounds to a tidy CRM amount: whole 500s of the major unit (minor units with 2 decimals). */
export function tidyAmount(minor: number): number {
  return Math.max(50_000, Math.round(minor / 50_000) * 50_000);
}

/** The day itself on Monday to Friday, else the Friday before: CRM work happens on weekdays. */
export function toWorkday(day: number): number {
  const weekday = isoWeekday(day);
  return weekday <= 5 ? day : day - (weekday - 5);
}

/** `count` sorted days in (from, to]; all `to` when the window is empty. */
function daysBetween(random: Random, from: number, to: number, count: number): number[] {
  const days: number[] = [];
  for (let index = 0; index < count; index++) days.push(to <= from ? to : random.int(from + 1, to));
  return days.sort((a, b) => a - b);
}

/**
 * Invents a history that ends in `plan` as of `today` (an epoch day; every event happens on
 * or before the day before it, so no timestamp lies in the caller's future).
 */
export function simulateDeal(random: Random, plan: DealPlan, today: number): DealHistory {
  const lastDay = today - 1;
  const created = toWorkday(Math.min(plan.createdDay, lastDay));
  const closed = plan.outcome !== "open";
  const closeDay = closed ? Math.max(created, toWorkday(Math.min(plan.closeDay, lastDay))) : plan.closeDay;
  let endDay: number;
  if (closed) endDay = closeDay;
  else if (plan.stale) endDay = Math.max(created, toWorkday(lastDay - 14 - random.int(0, 20)));
  else endDay = Math.max(created, toWorkday(lastDay - random.int(0, 5)));

  // Each kind of change is kept in the order it happened; the three lists are merged at the end.
  const stageEvents: DealEvent[] = [];
  const closeEvents: DealEvent[] = [];
  const amountEvents: DealEvent[] = [];

  // Stages: from Prospecting (sometimes Qualification) up to where the deal is, then the close.
  const target = plan.outcome === "won" ? STAGE_NEGOTIATION : plan.stage;
  const startStage = Math.min(target, random.chance(0.25) ? 1 : 0);
  const steps = target - startStage;
  const stepDays = daysBetween(random, created, closed ? Math.max(created, endDay - 1) : endDay, steps);
  for (let step = 0; step < steps; step++) {
    stageEvents.push(change(stepDays[step]!, officeMinute(random), startStage + step + 1, UNCHANGED, UNCHANGED));
  }

  // Close dates: the final value, walked back through the pushes that led to it.
  let close = closeDay;
  if (closed) {
    close = closeDay + random.int(-15, 30);
    stageEvents.push(change(endDay, officeMinute(random), plan.outcome === "won" ? STAGE_WON : STAGE_LOST, UNCHANGED, closeDay));
  }
  const pushes = random.weighted(closed ? [70, 30] : [50, 32, 18]);
  const pushDays = daysBetween(random, created, closed ? Math.max(created, endDay - 1) : endDay, pushes);
  for (let index = pushes - 1; index >= 0; index--) {
    const earlier = close - random.int(7, 35);
    if (earlier < created + 7) break;
    closeEvents.unshift(change(pushDays[index]!, officeMinute(random), UNCHANGED, UNCHANGED, close));
    close = earlier;
  }
  // Pushes only ever start a week after creation; an open deal without pushes keeps its date.
  const initialClose = closed ? Math.max(close, created + 7) : close;

  // Amounts: re-scoped up or down a couple of times on the way.
  let amount = plan.amountMinor;
  const changes = random.weighted([60, 30, 10]);
  const changeDays = daysBetween(random, created, endDay, changes);
  for (let index = changes - 1; index >= 0; index--) {
    amountEvents.unshift(change(changeDays[index]!, officeMinute(random), UNCHANGED, amount, UNCHANGED));
    amount = tidyAmount(amount / random.uniform(0.75, 1.3));
  }

  // Weekdays only, nothing before the deal existed, and each kind still in its own order.
  const createdMinute = officeMinute(random);
  for (const list of [stageEvents, closeEvents, amountEvents]) {
    let previous = { day: created, minute: createdMinute };
    for (const event of list) {
      event.day = Math.max(created, toWorkday(event.day));
      if (event.day === previous.day && event.minute <= previous.minute) event.minute = previous.minute + 1;
      previous = event;
    }
  }
  // A stable sort: equal instants keep the order above.
  const events = [...stageEvents, ...closeEvents, ...amountEvents].sort((a, b) => a.day - b.day || a.minute - b.minute);

  const lastActivityDay = endDay;
  let lastActivityMinute = officeMinute(random);
  const onLastDay = events.filter((event) => event.day === lastActivityDay);
  if (onLastDay.length > 0) lastActivityMinute = Math.max(...onLastDay.map((event) => event.minute)) + random.int(0, 30);
  if (lastActivityDay === created) lastActivityMinute = Math.max(lastActivityMinute, createdMinute);

  return {
    createdDay: created,
    createdMinute,
    initial: { stage: startStage, amountMinor: amount, closeDay: initialClose },
    events,
    lastActivityDay,
    lastActivityMinute,
  };
}

/** The deal as it stood at the end of `day`; null before it was created. */
export function dealStateAt(history: DealHistory, day: number): DealStateAt | null {
  if (day < history.createdDay) return null;
  let stage = history.initial.stage;
  let amountMinor = history.initial.amountMinor;
  let closeDay = history.initial.closeDay;
  let stageEnteredDay = history.createdDay;
  let stageEnteredMinute = history.createdMinute;
  let changedDay = history.createdDay;
  let changedMinute = history.createdMinute;
  const events = history.events;
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    if (event.day > day) break;
    if (event.stage !== UNCHANGED && event.stage !== stage) {
      stage = event.stage;
      stageEnteredDay = event.day;
      stageEnteredMinute = event.minute;
    }
    if (event.amountMinor !== UNCHANGED) amountMinor = event.amountMinor;
    if (event.closeDay !== UNCHANGED) closeDay = event.closeDay;
    changedDay = event.day;
    changedMinute = event.minute;
  }
  return { stage, amountMinor, closeDay, stageEnteredDay, stageEnteredMinute, changedDay, changedMinute };
}

export function isOpenStage(stage: number): boolean {
  return stage < STAGE_WON;
}

export { STAGE_LOST, STAGE_WON };
