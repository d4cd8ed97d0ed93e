import { z } from 'zod';

// One student of the roster, as the gradebook knows them; empty strings for columns it lacks.
export const rosterStudentSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  team: z.string(),
  username: z.string(), // another name a submission may carry (a GitHub username)
});

// A roster student (see rosterStudentSchema).
export type RosterStudent = z.infer<typeof rosterStudentSchema>;

// The roster a batch was graded with, saved in summary.json so `sockgrade report` renders it again.
export const rosterSchema = z.object({ source: z.string(), students: z.array(rosterStudentSchema) });

// A loaded roster (see rosterSchema).
export type Roster = z.infer<typeof rosterSchema>;

// The roster's fields, in the order the gradebook shows them.
export const rosterFields = ['id', 'name', 'email', 'team', 'username'] as const;

// A roster field (id, name, email, team, username).
export type RosterField = (typeof rosterFields)[number];
