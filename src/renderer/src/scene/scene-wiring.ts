/**
 * Wires the simulation to the rest of the app: the event stream in, sounds and camera follow
 * out, and what focusing a zone does (select, mark seen, greet, sound).
 */
import { useEffect, useRef } from 'react'
import { useAppStore } from '../store'
import { eventBus } from '../store/event-bus'
import { markSeen } from '../ui/attention/attention-actions'
import { playZoneSound } from '../audio/scene-sounds'
import { initAudio, playSound } from '../audio/sound-engine'
import { noteZoneActivity, onZoneFocus } from './camera-actions'
import { wake } from './frame-demand'
import { hexKey } from './hex'
import { resolvePendingZone, useSceneStore } from './scene-store'
import { workshopSim } from './sim/world-sim'
import { notifyZoneChanges } from './sim/zone-subscriptions'

export function useSceneWiring(): void {
  useEffect(() => {
    workshopSim.setListeners({
      sound: (name, sessionId) => playZoneSound(name, sessionId),
      activity: (sessionId) => noteZoneActivity(sessionId),
      wake,
    })
    const offEvents = eventBus.subscribe((events, replay) => {
      workshopSim.ingest(events, replay)
      notifyZoneChanges()
    })
    const offFocus = onZoneFocus((id) => {
      const app = useAppStore.getState()
      app.selectSession(id)
      // Looking at a zone is looking at its session: its turn's outcome leaves the queue.
      markSeen(id)
      playSound('focus')
      workshopSim.greet(id)
    })
    // Browsers allow audio only after a gesture.
    const startAudio = () => initAudio()
    window.addEventListener('pointerdown', startAudio, { once: true })
    window.addEventListener('keydown', startAudio, { once: true })
    return () => {
      offEvents()
      offFocus()
      workshopSim.setListeners({})
      window.removeEventListener('pointerdown', startAudio)
      window.removeEventListener('keydown', startAudio)
    }
  }, [])

  // Zone create/delete sounds, and placeholders resolved by the session that took their hex.
  const known = useRef<Set<string> | null>(null)
  useEffect(
    () =>
      useAppStore.subscribe((state, prev) => {
        if (state.sessions === prev.sessions) return
        const ids = new Set(state.sessions.map((s) => s.id))
        if (known.current) {
          for (const id of ids) if (!known.current.has(id)) playZoneSound('zone_create', id)
          for (const id of known.current) if (!ids.has(id)) playSound('zone_delete')
        }
        known.current = ids
        const taken = new Set(state.sessions.flatMap((s) => (s.zone ? [hexKey(s.zone)] : [])))
        for (const p of useSceneStore.getState().pendingZones)
          if (taken.has(hexKey(p.hex))) resolvePendingZone(p.id)
        wake()
      }),
    [],
  )
}
