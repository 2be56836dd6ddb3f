// The resource commands' registration: todos, messages, comments, campfire, webhooks (each
// implemented in ./commands, loaded only when it runs). Called by main.ts.
import type { Command } from "commander";
import type { GlobalOptions } from "./internal/context.js";

export function registerResources(program: Command, globals: () => GlobalOptions): void {
  const todos = program.command("todos").description("list, show, add, complete and update to-dos");
  todos
    .command("list")
    .description("the to-dos of a list")
    .argument("<todolist>", "to-do list ID or URL")
    .option("--completed", "completed to-dos instead of open ones")
    .option("--assignee <person...>", "only those assigned to these people (me, a name, an email, an ID)")
    .option("--due-before <date>", "only those due before this date, YYYY-MM-DD")
    .option("--project <project>", "Basecamp 2 only: the project the list is in (default: found from the ID)")
    .action(async (todolist: string, opts) => {
      const { runTodosList } = await import("./commands/todos.js");
      await runTodosList(todolist, opts, globals());
    });
  todos
    .command("show")
    .description("one to-do")
    .argument("<todo>", "to-do ID or URL")
    .option("--web", "open it in the browser (prints the address when there is none)")
    .action(async (todo: string, opts) => {
      const { runTodosShow } = await import("./commands/todos.js");
      await runTodosShow(todo, globals(), opts);
    });
  todos
    .command("add")
    .description("add a to-do to a list")
    .argument("<todolist>", "to-do list ID or URL")
    .argument("<content>", "what to do")
    .option("--assign <person...>", "assign people: me, a name, an email, an ID or URL (repeatable)")
    .option("--assignee <person...>", "the same as --assign")
    .option("--due <date>", "due date, YYYY-MM-DD")
    .option("--starts-on <date>", "start date, YYYY-MM-DD")
    .option("--notes <markdown>", "notes in Markdown; - reads standard input, @file.md a file")
    .option("--description <markdown>", "the same as --notes")
    .option("--edit", "write the notes in $EDITOR")
    .option("--project <project>", "Basecamp 2 only: the project the list is in (default: found from the ID)")
    .action(async (todolist: string, content: string, opts) => {
      const { runTodosAdd } = await import("./commands/todos.js");
      await runTodosAdd(todolist, content, opts, globals());
    });
  todos
    .command("complete")
    .description("mark a to-do done")
    .argument("<todo>", "to-do ID or URL")
    .option("--project <project>", "Basecamp 2 only: the project the to-do is in (default: found from the ID)")
    .action(async (todo: string, opts) => {
      const { runTodosComplete } = await import("./commands/todos.js");
      await runTodosComplete(todo, true, globals(), opts);
    });
  todos
    .command("uncomplete")
    .description("reopen a to-do")
    .argument("<todo>", "to-do ID or URL")
    .option("--project <project>", "Basecamp 2 only: the project the to-do is in (default: found from the ID)")
    .action(async (todo: string, opts) => {
      const { runTodosComplete } = await import("./commands/todos.js");
      await runTodosComplete(todo, false, globals(), opts);
    });
  todos
    .command("update")
    .description("change some fields of a to-do (the rest are kept)")
    .argument("<todo>", "to-do ID or URL")
    .option("--content <text>", "new content")
    .option("--due <date>", 'due date, YYYY-MM-DD ("none" clears it)')
    .option("--starts-on <date>", 'start date, YYYY-MM-DD ("none" clears it)')
    .option("--assign <person...>", "assign these people instead: me, a name, an email, an ID or URL")
    .option("--assignee <person...>", "the same as --assign")
    .option("--notes <markdown>", "new notes in Markdown; - reads standard input, @file.md a file")
    .option("--description <markdown>", "the same as --notes")
    .option("--edit", "edit the notes in $EDITOR")
    .action(async (todo: string, opts) => {
      const { runTodosUpdate } = await import("./commands/todos.js");
      await runTodosUpdate(todo, opts, globals());
    });

  const messages = program.command("messages").description("list and post messages");
  messages
    .command("list")
    .description("messages on a message board (or a project's board; on Basecamp 2, a project's messages)")
    .argument("<board>", "message board or project ID or URL")
    .option("--limit <n>", "at most this many")
    .action(async (board: string, opts) => {
      const { runMessagesList } = await import("./commands/messages.js");
      await runMessagesList(board, opts, globals());
    });
  messages
    .command("post")
    .description("post a message")
    .argument("<board>", "message board or project ID or URL")
    .argument("<subject>", "the subject")
    .option("--body <markdown>", "the body in Markdown; - reads standard input, @file.md a file")
    .option("--content <markdown>", "the same as --body")
    .option("--edit", "write the body in $EDITOR")
    .action(async (board: string, subject: string, opts) => {
      const { runMessagesPost } = await import("./commands/messages.js");
      await runMessagesPost(board, subject, opts, globals());
    });

  program
    .command("comments")
    .description("comment on a recording: campctl comments add <recording> <content>")
    .command("add")
    .description("add a comment to a to-do, message or any recording")
    .argument("<recording>", "recording ID or URL")
    .argument("<content>", "the comment (rich text)")
    .action(async (recording: string, content: string) => {
      const { runCommentsAdd } = await import("./commands/comments.js");
      await runCommentsAdd(recording, content, globals());
    });

  const campfire = program.command("campfire").description("a campfire's details and lines; say something");
  campfire
    .command("info")
    .description("the campfire")
    .argument("<campfire>", "campfire ID or URL")
    .option("--web", "open it in the browser (prints the address when there is none)")
    .action(async (id: string, opts) => {
      const { runCampfireInfo } = await import("./commands/campfire.js");
      await runCampfireInfo(id, globals(), opts);
    });
  campfire
    .command("lines")
    .description("recent lines")
    .argument("<campfire>", "campfire ID or URL")
    .option("--limit <n>", "at most this many (default 50)")
    .action(async (id: string, opts) => {
      const { runCampfireLines } = await import("./commands/campfire.js");
      await runCampfireLines(id, opts, globals());
    });
  campfire
    .command("say")
    .description("post a line")
    .argument("<campfire>", "campfire ID or URL")
    .argument("<text>", "what to say")
    .action(async (id: string, text: string) => {
      const { runCampfireSay } = await import("./commands/campfire.js");
      await runCampfireSay(id, text, globals());
    });

  const webhooks = program.command("webhooks").description("a project's webhooks");
  webhooks
    .command("list")
    .description("the project's webhooks")
    .argument("[project]", "project ID or URL (default: the one chosen with campctl use)")
    .action(async (project: string | undefined) => {
      const { runWebhooksList } = await import("./commands/webhooks.js");
      await runWebhooksList(project, globals());
    });
  webhooks
    .command("add")
    .description("add a webhook")
    .argument("<project>", "project ID or URL")
    .argument("<payloadUrl>", "HTTPS URL that receives the events")
    .option("--types <type...>", 'recording types ("Todo", "Comment" …; default all)')
    .action(async (project: string, payloadUrl: string, opts) => {
      const { runWebhooksAdd } = await import("./commands/webhooks.js");
      await runWebhooksAdd(project, payloadUrl, opts, globals());
    });
  webhooks
    .command("remove")
    .description("delete a webhook")
    .argument("<webhook>", "webhook ID or URL")
    .action(async (webhook: string) => {
      const { runWebhooksRemove } = await import("./commands/webhooks.js");
      await runWebhooksRemove(webhook, globals());
    });
}
