export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    // Open and migrate the database, import the shipped content, seed the demo, start the job runner.
    const { startRegistry } = await import("./lib/startup/start-registry");
    await startRegistry();
  }
}
