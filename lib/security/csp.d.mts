export declare const SIGNED_IN_AREAS: readonly string[];
export declare function isSignedInArea(pathname: string): boolean;
export declare const PUBLIC_PATHS_SOURCE: string;
export declare function createNonce(): string;
export declare function strictPolicy(nonce: string, options?: { dev?: boolean; formTargets?: readonly string[] }): string;
export declare function publicPolicy(options?: { dev?: boolean }): string;
export declare function oauthFormTargets(env: Record<string, string | undefined>): string[];
