/**
 * Every format problem tunekit reports, with a stable code. The first seven are the keys of OpenAI's
 * data-preparation notebook (corrected: tool calls, `tool` messages and `weight` are valid); the rest are the
 * service's rules (reference/openai-fine-tuning.md §1–§2).
 */
export const FORMAT_PROBLEM_CODES = {
  data_type: 'the line is not a JSON object',
  missing_messages_list:
    'the line has no `messages` list (or it is empty), nor a preference or prompt/completion shape',
  message_missing_key:
    'a message lacks `role`, `content` (assistant: or a tool call), `tool_call_id` (tool) or `name` (function)',
  message_unrecognized_key: 'a message has a key its role does not allow',
  unrecognized_role: 'a role outside system, user, assistant, tool, function',
  missing_content: 'a message has empty content, or null content without a tool or function call',
  example_missing_assistant_message: 'the example has no assistant message to train on',
  invalid_json: 'the line is not valid JSON',
  invalid_content_type: 'content is not a string or an allowed list of content parts for its role',
  invalid_weight: '`weight` is not 0 or 1',
  weight_not_on_assistant: '`weight` on a message that is not an assistant message',
  no_trainable_assistant_message: 'every assistant message has weight 0, so nothing is trained',
  invalid_name: '`name` is not a non-empty string',
  invalid_tool_calls: '`tool_calls` is not a list of {id, type: function, function: {name, arguments: string}}',
  unknown_tool_call_id: 'a tool message answers a tool call id that no earlier assistant message made',
  invalid_tools: '`tools`, `functions` or `parallel_tool_calls` is malformed',
  too_many_images: 'more than 10 images in one example',
  special_token_in_text: 'text contains a special token such as <|endoftext|>, which the service rejects',
  unpaired_surrogate:
    'text contains half of a UTF-16 surrogate pair (a character such as an emoji cut in two): not valid Unicode',
  preference_completion_keys:
    'preference line uses `preferred_completion`/`non_preferred_completion`; the service expects `*_output`',
  preference_missing_output: 'preference line lacks `preferred_output` or `non_preferred_output`',
  preference_invalid_output: 'a preference output is not exactly one assistant message with text content',
  preference_invalid_input: 'preference `input.messages` must end with a user message (one-turn examples only)',
  completion_unrecognized_key: 'a prompt/completion line has keys other than `prompt` and `completion`',
  completion_not_string: '`prompt` or `completion` is missing or not a string',
  empty_completion: '`completion` is empty',
  format_mismatch: 'the line is of another format than the file (chat, preference, prompt/completion)',
  format_not_for_model:
    'the model does not train on this format (prompt/completion: babbage-002 and davinci-002 only; chat: the chat models)',
  not_utf8: 'the file is not UTF-8 text, the only encoding the service reads',
  utf8_bom:
    'the file starts with a UTF-8 byte order mark (EF BB BF), which makes its first line invalid JSON to the service',
  too_few_examples: 'the file has fewer than 10 examples',
  file_too_large: 'the file exceeds 8 GB, the limit of an upload (in parts)',
} as const;

export type FormatProblemCode = keyof typeof FORMAT_PROBLEM_CODES;

export interface FormatProblem {
  code: FormatProblemCode;
  message: string;
  /** 0-based index of the message in `messages` (or `input.messages`). */
  messageIndex?: number;
  /** The key at fault (`content`, `weight`, `tool_calls`…). */
  key?: string;
}

export function formatProblem(
  code: FormatProblemCode,
  message: string,
  where: { messageIndex?: number; key?: string } = {},
): FormatProblem {
  return { code, message, ...where };
}
