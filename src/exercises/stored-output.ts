/**
 * A check's stored output in another language. A notebook's outputs are
 * those of the English kernel run; its Chinese edition shows, for each line a
 * passing check printed, the line the same check prints in the Chinese
 * runtime (setLanguage("zh-Hans")), made by the checker's own message
 * function from the title and count read back from the English line.
 */
import type { Language } from "../language";
import { PASSED_MESSAGE_EN, passedMessage } from "./framework";
import { QUIZ_PASSED_MESSAGE_EN, quizPassedMessage } from "./quiz";

/** One line of a check's English output in `language` (unchanged when it is no check's report). */
export function checkLineIn(line: string, language: Language): string {
  const passed = PASSED_MESSAGE_EN.exec(line);
  if (passed) return passedMessage(passed[1], Number(passed[2]), language);
  const quiz = QUIZ_PASSED_MESSAGE_EN.exec(line);
  if (quiz) return quizPassedMessage(Number(quiz[1]), language);
  return line;
}

/** A run of stream output with every check report in `language` (see {@link checkLineIn}). */
export function checkOutputIn(text: string, language: Language): string {
  return text
    .split("\n")
    .map((line) => checkLineIn(line, language))
    .join("\n");
}
