/** Every setting in one place, saved as you change it (settings.update validates each write). */
import { useEffect, useState } from 'react'
import { Settings as SettingsIcon } from 'lucide-react'
import type { ResponseOf } from '@shared/contract'
import { PERMISSION_MODES } from '@shared/sessions'
import type { Settings } from '@shared/settings'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt, updateSettings } from '../commands'
import { BackendOptions } from '../common/BackendOptions'
import { requestNotificationPermission } from '../notifications'
import { Dialog } from './Dialog'
import { KeybindingEditor } from './KeybindingEditor'
import { GlobalShortcutSetting } from './GlobalShortcutSetting'
import { NumberSetting, Row, Toggle } from './settings-controls'
import { FleetSettings } from '../fleet/FleetSettings'
import { VoiceSettings } from '../../voice/VoiceSettings'
import { SavedRules } from '../permissions/SavedRules'
import { HostsSettings } from '../hosts/HostsSettings'
import '../permissions/permissions.css'
import './settings-dialog.css'
import { RotateTokens } from './RotateTokens'

const TABS = [
  'General',
  'Notifications',
  'Sound',
  'Voice',
  'Fleet',
  'Workshop',
  'Data',
  'Hooks',
  'Hosts',
  'Permissions',
  'Keyboard',
] as const
type Tab = (typeof TABS)[number]

function HooksSection() {
  const [status, setStatus] = useState<ResponseOf<'hooks.status'> | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void attempt('Could not read hook status', () => core().invoke('hooks.status', {})).then(
      (s) => s && setStatus(s),
    )
  }, [])
  const change = async (install: boolean) => {
    setBusy(true)
    const s = await attempt(install ? 'Could not install hooks' : 'Could not remove hooks', () =>
      core().invoke(install ? 'hooks.install' : 'hooks.uninstall', {}),
    )
    if (s) {
      setStatus(s)
      useAppStore
        .getState()
        .toast(
          'success',
          install
            ? 'Global hooks installed: every Claude Code session now appears here'
            : 'Global hooks removed',
        )
    }
    setBusy(false)
  }
  return (
    <>
      <Row
        label="Observe every Claude Code session"
        hint="Adds Atelier's hooks to your user settings so sessions started anywhere (not only here) show up in the workshop, read-only. Your settings file is backed up first."
      >
        {status ? (
          <Toggle
            checked={status.installed}
            label="Global hooks"
            onChange={(v) => !busy && void change(v)}
          />
        ) : (
          <span className="muted">…</span>
        )}
      </Row>
      {status && (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            {status.installed ? `Installed (${status.events.length} events)` : 'Not installed'}
          </dd>
          <dt>Settings file</dt>
          <dd>
            <code>{status.settingsPath}</code>
          </dd>
          {status.backups.length > 0 && (
            <>
              <dt>Backups</dt>
              <dd>
                {status.backups.map((b) => (
                  <code key={b} className="block">
                    {b}
                  </code>
                ))}
              </dd>
            </>
          )}
        </dl>
      )}
    </>
  )
}

export function SettingsDialog({ onClose }: { onClose(): void }) {
  const settings = useAppStore((s) => s.settings)
  const [tab, setTab] = useState<Tab>('General')
  const set = (patch: Parameters<typeof updateSettings>[0]) => void updateSettings(patch)
  return (
    <Dialog
      title="Settings"
      icon={<SettingsIcon size={16} aria-hidden />}
      onClose={onClose}
      wide
      className="settings-dialog"
    >
      {!settings ? (
        <p className="muted">Loading settings…</p>
      ) : (
        <div className="settings-layout">
          <nav className="settings-tabs" role="tablist" aria-orientation="vertical">
            {TABS.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                className={tab === t ? 'active' : undefined}
                onClick={() => setTab(t)}
              >
                {t}
              </button>
            ))}
          </nav>
          <div className="settings-panel" role="tabpanel" aria-label={tab}>
            {tab === 'General' && <GeneralTab settings={settings} set={set} />}
            {tab === 'Notifications' && (
              <>
                <Row
                  label="Notifications"
                  hint="Permission requests, questions, finished and failed turns."
                >
                  <Toggle
                    label="Notifications"
                    checked={settings.notifications.enabled}
                    onChange={(enabled) => {
                      if (enabled) requestNotificationPermission()
                      set({ notifications: { enabled } })
                    }}
                  />
                </Row>
                <Row label="Do not disturb" hint="Mute every notification until turned off.">
                  <Toggle
                    label="Do not disturb"
                    checked={settings.notifications.doNotDisturb}
                    onChange={(doNotDisturb) => set({ notifications: { doNotDisturb } })}
                  />
                </Row>
                {(
                  [
                    ['onPermission', 'A session asks for permission'],
                    ['onQuestion', 'A session asks a question'],
                    ['onFinished', 'A session finishes its turn'],
                    ['onFailed', 'A turn fails'],
                  ] as const
                ).map(([key, label]) => (
                  <Row key={key} label={label}>
                    <Toggle
                      label={label}
                      checked={settings.notifications[key]}
                      onChange={(v) => set({ notifications: { [key]: v } })}
                    />
                  </Row>
                ))}
              </>
            )}
            {tab === 'Sound' && (
              <>
                <Row label="Mute">
                  <Toggle
                    label="Mute"
                    checked={settings.sound.muted}
                    onChange={(muted) => set({ sound: { muted } })}
                  />
                </Row>
                <Row label="Volume" hint={`${Math.round(settings.sound.volume * 100)}%`}>
                  <input
                    type="range"
                    aria-label="Volume"
                    min={0}
                    max={100}
                    value={Math.round(settings.sound.volume * 100)}
                    onChange={(e) => set({ sound: { volume: Number(e.target.value) / 100 } })}
                  />
                </Row>
                <Row label="Spatial audio" hint="Sounds come from their zone's direction.">
                  <Toggle
                    label="Spatial audio"
                    checked={settings.sound.spatial}
                    onChange={(spatial) => set({ sound: { spatial } })}
                  />
                </Row>
                <Row
                  label="Needs-you sound"
                  hint="When a session asks for permission or has a question: from its zone in the workshop, plain with the notification."
                >
                  <Toggle
                    label="Needs-you sound"
                    checked={settings.sound.needsYouCue}
                    onChange={(needsYouCue) => set({ sound: { needsYouCue } })}
                  />
                </Row>
                <Row
                  label="Finished sound"
                  hint="When a session finishes its turn. A different sound from the needs-you one."
                >
                  <Toggle
                    label="Finished sound"
                    checked={settings.sound.finishedCue}
                    onChange={(finishedCue) => set({ sound: { finishedCue } })}
                  />
                </Row>
              </>
            )}
            {tab === 'Voice' && <VoiceSettings settings={settings} set={set} />}
            {tab === 'Fleet' && <FleetSettings settings={settings} set={set} />}
            {tab === 'Workshop' && (
              <Row label="Grid size" hint="Rings of hexes around the centre (5–80).">
                <NumberSetting
                  label="Grid size"
                  value={settings.gridRings}
                  min={5}
                  max={80}
                  onCommit={(gridRings) => set({ gridRings })}
                />
              </Row>
            )}
            {tab === 'Data' && (
              <>
                <Row label="Keep at most (events)" hint="Oldest events are removed beyond this.">
                  <NumberSetting
                    label="Maximum events"
                    value={settings.retentionMaxEvents}
                    min={1000}
                    max={50_000_000}
                    step={1000}
                    onCommit={(retentionMaxEvents) => set({ retentionMaxEvents })}
                  />
                </Row>
                <Row label="Keep for (days)">
                  <NumberSetting
                    label="Maximum age in days"
                    value={settings.retentionMaxAgeDays}
                    min={1}
                    max={3650}
                    onCommit={(retentionMaxAgeDays) => set({ retentionMaxAgeDays })}
                  />
                </Row>
                <Row
                  label="Permission timeout (minutes)"
                  hint="After this, an unanswered request goes back to the terminal."
                >
                  <NumberSetting
                    label="Permission timeout"
                    value={settings.permissionTimeoutMinutes}
                    min={1}
                    max={1440}
                    onCommit={(permissionTimeoutMinutes) => set({ permissionTimeoutMinutes })}
                  />
                </Row>
                <Row
                  label="Hook port"
                  hint="Where Claude Code posts its hooks. Takes effect after a restart; 0 picks a free port."
                >
                  <NumberSetting
                    label="Hook port"
                    value={settings.hookPort}
                    min={0}
                    max={65535}
                    onCommit={(hookPort) => set({ hookPort })}
                  />
                </Row>
              </>
            )}
            {tab === 'Hooks' && (
              <>
                <HooksSection />
                <RotateTokens />
              </>
            )}
            {tab === 'Hosts' && <HostsSettings />}
            {tab === 'Permissions' && <SavedRules />}
            {tab === 'Keyboard' && (
              <>
                <GlobalShortcutSetting />
                <KeybindingEditor />
              </>
            )}
          </div>
        </div>
      )}
    </Dialog>
  )
}

function GeneralTab({
  settings,
  set,
}: {
  settings: Settings
  set(p: Parameters<typeof updateSettings>[0]): void
}) {
  const [claudeBin, setClaudeBin] = useState(settings.claudeBin ?? '')
  return (
    <>
      <Row label="Theme" hint="System follows your OS.">
        <select
          aria-label="Theme"
          value={settings.theme}
          onChange={(e) => set({ theme: e.target.value as Settings['theme'] })}
        >
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </Row>
      <Row label="New sessions run in">
        <select
          aria-label="Default backend"
          value={settings.defaultBackend}
          onChange={(e) => set({ defaultBackend: e.target.value as Settings['defaultBackend'] })}
        >
          <BackendOptions />
        </select>
      </Row>
      <Row label="Default permission mode">
        <select
          aria-label="Default permission mode"
          value={settings.defaultPermissionMode}
          onChange={(e) =>
            set({ defaultPermissionMode: e.target.value as Settings['defaultPermissionMode'] })
          }
        >
          {PERMISSION_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </Row>
      <Row label="Claude Code executable" hint="Empty: found on PATH.">
        <input
          type="text"
          aria-label="Claude Code executable"
          placeholder="claude"
          value={claudeBin}
          onChange={(e) => setClaudeBin(e.target.value)}
          onBlur={() =>
            claudeBin !== (settings.claudeBin ?? '') &&
            set({ claudeBin: claudeBin.trim() || undefined })
          }
        />
      </Row>
      <Row label="Update channel">
        <select
          aria-label="Update channel"
          value={settings.updateChannel}
          onChange={(e) => set({ updateChannel: e.target.value as Settings['updateChannel'] })}
        >
          <option value="stable">Stable</option>
          <option value="beta">Beta</option>
        </select>
      </Row>
      <Row label="Start at login">
        <Toggle
          label="Start at login"
          checked={settings.launchAtLogin}
          onChange={(launchAtLogin) => set({ launchAtLogin })}
        />
      </Row>
    </>
  )
}
