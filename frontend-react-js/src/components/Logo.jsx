// Cruddur's mark: a speech bubble holding a tiny grawlix (#?!), because cruds are short outbursts.
export function Logo({ size = 48 }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" role="img" aria-label="Cruddur">
      <path
        d="M10 10h44a6 6 0 0 1 6 6v24a6 6 0 0 1-6 6H30l-13 10v-10h-7a6 6 0 0 1-6-6V16a6 6 0 0 1 6-6z"
        fill="#8b1dfd"
      />
      <g stroke="#fff" strokeWidth="3" strokeLinecap="round" fill="none">
        <path d="M17 35l4-15M24 35l4-15M14 25h16M13 30h16" />
        <path d="M35 22a4 4 0 1 1 4 5v3" />
        <path d="M49 20v10" strokeWidth="3.5" />
      </g>
      <circle cx="39" cy="35" r="1.8" fill="#fff" />
      <circle cx="49" cy="35" r="2" fill="#fff" />
    </svg>
  );
}
