// Links leave the app only to the system browser, and only when they are plainly safe: https
// to a host on this list (documentation, model providers' consoles, model downloads). Any
// other http(s) link is opened after the user confirms it; every other scheme (file:, smb:,
// custom protocol handlers that launch programs) never.

const TRUSTED_HOSTS = [
  'github.com', 'developer.android.com', 'source.android.com', 'huggingface.co', 'hf-mirror.com',
  'open.bigmodel.cn', 'bigmodel.cn', 'docs.bigmodel.cn', 'z.ai', 'docs.z.ai', 'platform.openai.com',
  'dashscope.console.aliyun.com', 'help.aliyun.com', 'bailian.console.aliyun.com', 'modelscope.cn', 'www.modelscope.cn',
  'docs.vllm.ai', 'docs.sglang.ai', 'modelcontextprotocol.io',
];

export type ExternalLinkDecision = 'open' | 'confirm' | 'refuse';

export function externalLinkDecision(raw: string): ExternalLinkDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'refuse';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'refuse';
  // Credentials in a link (https://github.com@evil.example/) are a classic disguise.
  if (url.username || url.password) return 'confirm';
  if (url.protocol === 'https:' && TRUSTED_HOSTS.includes(url.hostname)) return 'open';
  return 'confirm';
}
