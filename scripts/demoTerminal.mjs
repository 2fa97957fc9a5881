// The demo's terminal: whatever is printed while the operator types (the app's log lines, a restart's
// progress) goes above the `demo> ` prompt, which is then redrawn with what was typed so far.
import { clearLine, createInterface, cursorTo } from 'node:readline';

export const PROMPT = 'demo> ';

export function createDemoTerminal({ input = process.stdin, output = process.stdout } = {}) {
  const interactive = Boolean(input.isTTY && output.isTTY);
  let rl = null;
  let promptShown = false;

  const showPrompt = () => {
    promptShown = true;
    rl.prompt(true);
  };

  return {
    interactive,
    /** Prints whole lines; over a live prompt it clears that line first and redraws it after. */
    say(text) {
      if (!interactive || !promptShown) return void output.write(`${text}\n`);
      clearLine(output, 0);
      cursorTo(output, 0);
      output.write(`${text}\n`);
      rl.prompt(true); // the prompt and the typed text, cursor where it was
    },
    /** Reads commands one at a time, in order: `run(line)` finishes before the next line is handled. */
    readCommands(run) {
      rl = createInterface({ input, output, prompt: PROMPT, terminal: interactive });
      let queue = Promise.resolve();
      rl.on('line', (line) => {
        promptShown = false; // the cursor is on a fresh line below the command now
        queue = queue.then(async () => {
          await run(line);
          if (interactive) showPrompt();
        });
      });
      if (interactive) showPrompt();
    },
    close() {
      promptShown = false; // what is printed while quitting needs no prompt under it
      rl?.close();
    },
  };
}
