// @actions/core imports @actions/exec only for core.platform, which this action never reads (shims/README.md).
// Anything that does call it fails loudly here.
const notBundled = () => {
  throw new Error('@actions/exec is not bundled with this action: core.platform is not supported')
}
export const exec = notBundled
export const getExecOutput = notBundled
