import { z } from "zod";
import { renderUser } from "../render.js";
import { flag } from "./args.js";
import { defineMethod, fail, succeed } from "./method.js";

export const usersInfo = defineMethod({
  name: "users.info",
  schema: z.object({ user: z.string().optional(), include_locale: flag.optional() }),
  handle({ workspace }, args) {
    const user = args.user ? workspace.state.users[args.user] : undefined;
    if (!user) return fail("user_not_found");
    const at = new Date(workspace.clock());
    return succeed({ user: renderUser(user, { includeLocale: args.include_locale ?? false, at, botId: workspace.state.bot.botId }) });
  },
});

export const usersLookupByEmail = defineMethod({
  name: "users.lookupByEmail",
  schema: z.object({ email: z.string() }),
  handle({ workspace }, args) {
    const user = workspace.userByEmail(args.email);
    if (!user) return fail("users_not_found");
    return succeed({ user: renderUser(user, { includeLocale: false, at: new Date(workspace.clock()) }) });
  },
});
