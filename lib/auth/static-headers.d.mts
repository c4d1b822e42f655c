export declare const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>>;
export declare const LOADS_NOTHING_CSP: string;
