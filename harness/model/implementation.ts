// What a grading launches programs from, shared by the stages that stage, confine and play them.

// The questions a client may ask before it joins.
export type PromptKind = 'host' | 'port' | 'name' | 'password';

// How a server talks: datagrams or a stream.
export type Transport = 'udp' | 'tcp';

// One implementation a scenario can launch actors from: the student's or the reference.
export interface Implementation {
  readonly label: string; // "student" or "reference"
  readonly stageDir: string; // the built copy every actor's working copy is made from
  readonly readable: readonly string[]; // folders its programs may read besides their copy (the reference's build)
  readonly server: string; // command templates
  readonly client: string;
  readonly password: string;
  readonly prompts: Readonly<Record<PromptKind, string>>; // regex sources
  readonly patterns: Readonly<Record<string, string>>;
  readonly commands: Readonly<Record<string, string>>;
}
