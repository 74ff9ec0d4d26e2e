/** Settings → Fleet: the quota warning threshold and the parking rule. */
import type { Settings, SettingsPatch } from '@shared/settings'
import { NumberSetting, Row, Toggle } from '../dialogs/settings-controls'

export function FleetSettings({
  settings,
  set,
}: {
  settings: Settings
  set(patch: SettingsPatch): void
}) {
  const { fleet } = settings
  return (
    <>
      <Row
        label="Warn at (% of a window)"
        hint="The usage view and the top bar turn amber when a rate-limit window reaches this, or will run out before it resets."
      >
        <NumberSetting
          label="Quota warning threshold"
          value={fleet.quotaWarnPercent}
          min={1}
          max={100}
          onCommit={(quotaWarnPercent) => set({ fleet: { quotaWarnPercent } })}
        />
      </Row>
      <Row
        label="Park low-priority sessions"
        hint="While the 5-hour window is past the threshold below, the app stops sending prompts to sessions marked low priority and queues them until the window resets. Nothing is stopped."
      >
        <Toggle
          label="Park low-priority sessions"
          checked={fleet.parking.enabled}
          onChange={(enabled) => set({ fleet: { parking: { enabled } } })}
        />
      </Row>
      <Row label="Park at (% of the 5-hour window)">
        <NumberSetting
          label="Parking threshold"
          value={fleet.parking.fiveHourPercent}
          min={1}
          max={100}
          onCommit={(fiveHourPercent) => set({ fleet: { parking: { fiveHourPercent } } })}
        />
      </Row>
    </>
  )
}
