/**
 * AskUserQuestion from the app: every question with every option, multi-select as checkboxes,
 * plus a free answer. The answers go to permissions.decide so Claude gets them as the user's
 * choice (the original pasted only the first option as a new prompt: docs/original.md).
 */
import { useState } from 'react'
import type { PendingRequest } from '@shared/permissions'

export type Answers = Record<string, string | string[]>

export function QuestionForm({
  request,
  onAnswer,
  onSkip,
}: {
  request: PendingRequest
  onAnswer(a: Answers): void
  onSkip(): void
}) {
  const questions = request.questions ?? []
  const [chosen, setChosen] = useState<Record<string, string[]>>({})
  const [other, setOther] = useState<Record<string, string>>({})

  const toggle = (q: string, label: string, multi: boolean) =>
    setChosen((c) => {
      const cur = c[q] ?? []
      const next = multi
        ? cur.includes(label)
          ? cur.filter((l) => l !== label)
          : [...cur, label]
        : [label]
      return { ...c, [q]: next }
    })

  const answers: Answers = {}
  for (const q of questions) {
    const typed = other[q.question]?.trim()
    const picked = chosen[q.question] ?? []
    const all = typed ? [...picked.filter((p) => p !== typed), typed] : picked
    if (all.length) answers[q.question] = q.multiSelect ? all : all[all.length - 1]
  }
  const complete = questions.length > 0 && questions.every((q) => answers[q.question] !== undefined)

  return (
    <form
      className="questions"
      onSubmit={(e) => {
        e.preventDefault()
        if (complete) onAnswer(answers)
      }}
    >
      {questions.map((q, qi) => (
        <fieldset key={qi} className="question">
          <legend>
            {q.header && <span className="badge">{q.header}</span>} {q.question}
            {q.multiSelect && <small> (choose any)</small>}
          </legend>
          {q.options.map((o) => (
            <label
              key={o.label}
              className={`option${(chosen[q.question] ?? []).includes(o.label) ? ' chosen' : ''}`}
            >
              <input
                type={q.multiSelect ? 'checkbox' : 'radio'}
                name={`q${qi}`}
                checked={(chosen[q.question] ?? []).includes(o.label)}
                onChange={() => toggle(q.question, o.label, Boolean(q.multiSelect))}
              />
              <span>
                <span className="option-label">{o.label}</span>
                {o.description && <span className="option-desc">{o.description}</span>}
              </span>
            </label>
          ))}
          <input
            type="text"
            className="other-answer"
            placeholder="Or type your own answer"
            aria-label={`Your own answer to: ${q.question}`}
            value={other[q.question] ?? ''}
            onChange={(e) => {
              const v = e.target.value
              setOther((o) => ({ ...o, [q.question]: v }))
              if (!q.multiSelect && v.trim()) setChosen((c) => ({ ...c, [q.question]: [] }))
            }}
          />
        </fieldset>
      ))}
      <div className="question-actions">
        <button type="button" className="button" onClick={onSkip}>
          Answer in the terminal
        </button>
        <button type="submit" className="button primary" disabled={!complete}>
          Send answer
        </button>
      </div>
    </form>
  )
}
