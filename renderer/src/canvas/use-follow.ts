import { useCallback, useEffect, useRef, useState } from 'react';
import { onDetailsTyping, refusedInDetails, typingInDetails, type RefusedValue } from '../detail/details-typing.js';
import { reviewStore, timelineMoments, useReviewStore } from '../review/review-store.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';
import type { Peer } from '../sync/presence.js';
import type { CascadeCanvas } from './cascade-canvas.js';
import { centreOn } from './viewport.js';

/** Where a follow stands, for the line the canvas shows about it. */
export interface FollowState {
  /** The person followed, while they are here. */
  leader: Peer | null;
  /**
   * The follow waits because the person is typing in the details (review40b F1): what the leader
   * moved to meanwhile (their selection and the moment they show), or null while they have not moved.
   */
  paused: { selection: string | null; asOf: Peer['asOf'] | null; selectionMoved: boolean; asOfMoved: boolean; refused: readonly RefusedValue[] } | null;
  /** The leader shows another moment of the plan than this window (the person went back on their own, or it has not arrived). */
  otherMoment: { label: string; available: boolean } | 'now' | null;
  /** Saves what is typed (the field is left) and goes where the leader is. */
  catchUp(): void;
  /** Shows the moment the leader shows (or now, when they show now). */
  showLeaderMoment(): void;
}

/** The moment key a peer shows (null: now). */
const momentOf = (peer: Peer) => peer.asOf?.key ?? null;

/**
 * Follow: copies the presenter's viewport, selection and the moment of the plan they show (Review ▸
 * "Show plan as of this") from presence until the reader pans away or stops.
 *
 * While the reader types in the details (a field or the check-in form has the focus, or a field holds
 * words not yet saved), the selection and the moment are held: moving them moved the words being typed
 * to another item (review40b F1). The view still follows; the canvas says what the presenter moved to,
 * with a way to catch up, and the follow catches up by itself when the reader leaves the field.
 *
 * A value the details refused and still hold (02/30/2027 in a due date) holds the follow too once the reader
 * left the field, as catching up drops it: the canvas says it was not saved (not "while you type": review41
 * item 3) and offers to catch up, which leaves the stored value as it was.
 */
export function useFollow(canvas: CascadeCanvas | null, announce: (text: string) => void): FollowState {
  const { review } = useControllers();
  const peers = useAppStore((state) => state.peers);
  const followingClientId = useAppStore((state) => state.followingClientId);
  const selectedId = useAppStore((state) => state.selectedId);
  const asOf = useReviewStore((state) => state.asOf);
  const points = useReviewStore((state) => state.points);
  const dayMarks = useReviewStore((state) => state.dayMarks);
  const [typing, setTyping] = useState(typingInDetails);
  const [refusedHeld, setRefusedHeld] = useState(refusedInDetails);
  useEffect(() => onDetailsTyping(() => { setTyping(typingInDetails()); setRefusedHeld(refusedInDetails()); }), []);
  // Refused values the reader chose to leave behind (Catch up): they no longer hold the follow, even where the
  // field still shows them (the moment changed, not the item).
  const leftBehind = useRef(new Set<RefusedValue>());
  const refused = refusedHeld.filter((value) => !leftBehind.current.has(value));
  const holding = typing || refused.length > 0;
  // The leader's moment last copied (undefined: none yet, since this follow began). The reader may go
  // back to now on their own; they are asked, not pulled back, until the leader shows another moment.
  const copiedMoment = useRef<string | null | undefined>(undefined);
  useEffect(() => { copiedMoment.current = undefined; leftBehind.current.clear(); }, [followingClientId]);
  const leader = followingClientId === null ? null : peers.find((peer) => peer.clientId === followingClientId) ?? null;

  const showMoment = useCallback((key: string | null): boolean => {
    if (key === (reviewStore.getState().asOf?.key ?? null)) return true;
    if (key === null) { review.backToNow(); return true; }
    const moment = timelineMoments(reviewStore.getState()).find((candidate) => candidate.key === key);
    if (!moment) return false;
    review.showAsOf(moment);
    return reviewStore.getState().asOf?.key === key;
  }, [review]);

  /** Copies the leader's moment (when they changed it) and selection. */
  const copy = useCallback((peer: Peer) => {
    const moment = momentOf(peer);
    if (moment !== copiedMoment.current && showMoment(moment)) copiedMoment.current = moment;
    if (peer.selection !== appStore.getState().selectedId) appStore.getState().select(peer.selection);
  }, [showMoment]);

  useEffect(() => {
    if (!canvas || followingClientId === null) return;
    if (!leader) {
      appStore.getState().follow(null);
      announce('Stopped following: they left the plan.');
      return;
    }
    if (leader.viewport) {
      const { width, height } = canvas.size;
      canvas.setView(centreOn(leader.viewport.cx, leader.viewport.cy, leader.viewport.k, width, height));
    }
    if (!holding) copy(leader);
    // The review points and day marks too: the leader's moment may arrive after their presence.
  }, [canvas, leader, followingClientId, announce, holding, copy, points, dayMarks]);

  const ownMoment = asOf?.key ?? null;
  let paused: FollowState['paused'] = null;
  let otherMoment: FollowState['otherMoment'] = null;
  if (leader) {
    const leaderMoment = momentOf(leader);
    const asOfMoved = leaderMoment !== copiedMoment.current && leaderMoment !== ownMoment;
    const selectionMoved = leader.selection !== selectedId;
    if (holding && (asOfMoved || selectionMoved)) paused = { selection: leader.selection, asOf: leader.asOf ?? null, selectionMoved, asOfMoved, refused: typing ? [] : refused };
    else if (leaderMoment !== ownMoment) {
      const available = leaderMoment !== null && timelineMoments({ points, dayMarks }).some((moment) => moment.key === leaderMoment);
      otherMoment = leader.asOf ? { label: leader.asOf.label, available } : 'now';
    }
  }

  const catchUp = useCallback(() => {
    const active = document.activeElement;
    // Leaving the field saves it, as a blur does.
    if (active instanceof HTMLElement && active.closest('.detail-panel')) active.blur();
    for (const value of refusedInDetails()) leftBehind.current.add(value);
    const state = appStore.getState();
    const current = state.peers.find((peer) => peer.clientId === state.followingClientId);
    if (current) copy(current);
  }, [copy]);
  const showLeaderMoment = useCallback(() => {
    const state = appStore.getState();
    const current = state.peers.find((peer) => peer.clientId === state.followingClientId);
    if (!current) return;
    const moment = momentOf(current);
    if (showMoment(moment)) copiedMoment.current = moment;
    if (current.selection !== appStore.getState().selectedId) appStore.getState().select(current.selection);
  }, [showMoment]);

  return { leader, paused, otherMoment, catchUp, showLeaderMoment };
}
