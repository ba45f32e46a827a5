// The value the check-in DM's buttons carry: whose numbers, for which week.
import { z } from "zod";
import { isWeek } from "../../../domain/week";

export const checkinButtonValue = z.object({ week: z.string().refine(isWeek), ownerId: z.string().min(1) });
