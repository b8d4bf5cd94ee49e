// Readiness under its explicit name; /api/health answers the same (the test runner waits on it).
export { GET } from "../route";
