export interface Config {
  githubToken: string;
  port: number;
}

export const config: Config = {
  githubToken: "ghp_FAKE0123456789abcdefEXAMPLExyzABCDEF",
  port: 8080,
};
