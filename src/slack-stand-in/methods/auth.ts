import { z } from "zod";
import { defineMethod, succeed } from "./method.js";

export const authTest = defineMethod({
  name: "auth.test",
  schema: z.object({}),
  handle({ workspace }) {
    const { team, bot } = workspace.state;
    return succeed({
      url: `https://${team.domain}.slack.com/`,
      team: team.name,
      user: bot.name,
      team_id: team.id,
      user_id: bot.userId,
      bot_id: bot.botId,
      is_enterprise_install: false,
    });
  },
});
