// Other programs, run to their end from a test. Asynchronous: when the sandbox answers from the test's own process,
// a synchronous child would wait for it forever.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

/** Runs a program; rejects when it fails. */
export const exec = promisify(execFile)

/** Runs a program to its end, failing or not: its exit status (-1 when it had none) and what it wrote. */
export async function spawn(
  file: string,
  args: string[],
  options: Parameters<typeof execFile>[2]
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, args, { ...options, encoding: 'utf8' })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { status: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}
