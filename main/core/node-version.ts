/**
 * The Node.js the core needs: better-sqlite3 13 ships one Node-API binary built for Node ≥ 22, and
 * under an older Node it crashes the process with a segmentation fault instead of an error. Every
 * entry point checks first, before anything imports better-sqlite3, and says so in one sentence.
 */
export const MIN_NODE_MAJOR = 22;

export function nodeVersionProblem(version: string = process.versions.node): string | null {
  const major = Number(version.split('.')[0]);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return null;
  return `Reservoir needs Node.js ${MIN_NODE_MAJOR} or newer; this is Node.js ${version}. Install Node.js ${MIN_NODE_MAJOR} (https://nodejs.org), or run it through npm (\`npm run serve\`, \`npm start\`, \`npm run cli -- …\`), which uses the Node 22 this repository installs.`;
}
