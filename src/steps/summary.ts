// The job summary, written last, whatever happened before.
import type { Redactor } from '../output/redact.js'
import type { RunReport } from '../summary/report.js'
import { renderSummary } from '../summary/render.js'
import type { CoreLike, Log } from './step.js'

/** Renders and writes the job summary; a summary that cannot be written is a debug line, never a failure. */
export async function writeSummary(core: CoreLike, report: RunReport, redact: Redactor['redact'], log: Log): Promise<void> {
  try {
    // Every field was redacted before rendering; this pass only guards against a field added without it.
    core.summary.addRaw(redact(renderSummary(report)), true)
    await core.summary.write()
  } catch (error) {
    // No GITHUB_STEP_SUMMARY (a local run) must not fail a step that worked.
    log.debug(`No job summary written: ${error instanceof Error ? error.message : String(error)}`)
  }
}
