// Automatic check-ins: questionnaires, questions (pause/resume) and answers.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND } from "../internal/kinds.js";
import { scheduleBody } from "../internal/question-schedule.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { NewAnswer, NewQuestion, PageOptions, Question, QuestionAnswer, Questionnaire, QuestionUpdate, Signal, StatusListOptions } from "../types.js";

export interface AnswerListOptions extends PageOptions {
  /** Only answers for this day (YYYY-MM-DD). */
  date?: string;
  /** Only answers by this person. */
  creator_id?: IdLike;
}

export class Questionnaires extends operationResource(
  {
    /** People who have answered a question. */
    answerers: "ListQuestionAnswerers",
    answersBy: "GetAnswersByPerson",
    updateNotificationSettings: "UpdateQuestionNotificationSettings",
  },
  Resource,
) {
  private qid(id: IdLike): string {
    return this.id(id, KIND.question, "question");
  }
  private aid(id: IdLike): string {
    return this.id(id, KIND.answer, "question answer");
  }

  async get(questionnaireId: IdLike, opts: Signal = {}): Promise<Questionnaire> {
    return this.read<Questionnaire>(`/questionnaires/${this.id(questionnaireId, KIND.questionnaire, "questionnaire")}.json`, undefined, opts);
  }

  questions(questionnaireId: IdLike, opts: StatusListOptions = {}): PageIterator<Question> {
    const { status, ...page } = opts;
    return this.iterate<Question>(`/questionnaires/${this.id(questionnaireId, KIND.questionnaire, "questionnaire")}/questions.json`, { ...page, query: { status } });
  }

  async question(questionId: IdLike, opts: Signal = {}): Promise<Question> {
    return this.read<Question>(`/questions/${this.qid(questionId)}.json`, undefined, opts);
  }

  async createQuestion(questionnaireId: IdLike, question: NewQuestion, opts: Signal = {}): Promise<Question> {
    return this.send<Question>("POST", `/questionnaires/${this.id(questionnaireId, KIND.questionnaire, "questionnaire")}/questions.json`, { question: { ...question, schedule: scheduleBody(question.schedule) } }, opts);
  }

  /** Change some fields and keep the rest, schedule fields too (reads the question, sends it whole). */
  async updateQuestion(questionId: IdLike, changes: QuestionUpdate, opts: Signal = {}): Promise<Question> {
    return this.edit<Question>(EDIT.question, `/questions/${this.qid(questionId)}.json`, changes, opts);
  }

  /** Stop asking the question until `resume`. */
  async pause(questionId: IdLike, opts: Signal = {}): Promise<{ paused: boolean }> {
    return this.send<{ paused: boolean }>("POST", `/questions/${this.qid(questionId)}/pause.json`, undefined, { ...opts, idempotent: true });
  }

  async resume(questionId: IdLike, opts: Signal = {}): Promise<{ paused: boolean }> {
    return this.send<{ paused: boolean }>("DELETE", `/questions/${this.qid(questionId)}/pause.json`, undefined, opts);
  }

  /** Answers, newest first; filter by day (`date`) or person (`creator_id`). */
  answers(questionId: IdLike, opts: AnswerListOptions = {}): PageIterator<QuestionAnswer> {
    const { date, creator_id, ...page } = opts;
    const creator = creator_id === undefined ? undefined : this.id(creator_id, KIND.person, "person");
    return this.iterate<QuestionAnswer>(`/questions/${this.qid(questionId)}/answers.json`, { ...page, query: { date, creator_id: creator } });
  }

  async answer(answerId: IdLike, opts: Signal = {}): Promise<QuestionAnswer> {
    return this.read<QuestionAnswer>(`/question_answers/${this.aid(answerId)}.json`, undefined, opts);
  }

  async createAnswer(questionId: IdLike, answer: NewAnswer, opts: Signal = {}): Promise<QuestionAnswer> {
    return this.send<QuestionAnswer>("POST", `/questions/${this.qid(questionId)}/answers.json`, { question_answer: answer }, opts);
  }

  /** Change an answer's content (a string) or day, keeping the other (Basecamp answers 204: read it again for the new record). */
  async updateAnswer(answerId: IdLike, changes: string | Partial<NewAnswer>, opts: Signal = {}): Promise<void> {
    await this.edit<void>(EDIT.answer, `/question_answers/${this.aid(answerId)}.json`, typeof changes === "string" ? { content: changes } : changes, opts);
  }
}
