// Hand-drawn 24×24 line icons. Decorative: the button or link around them carries the label.
function Icon({ children, size = 24, ...props }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const HomeIcon = (props) => (
  <Icon {...props}>
    <path d="M3.5 10.5 12 3.5l8.5 7V20a.5.5 0 0 1-.5.5H4a.5.5 0 0 1-.5-.5z" />
    <path d="M9.5 20.5v-6h5v6" />
  </Icon>
);

export const BellIcon = (props) => (
  <Icon {...props}>
    <path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15z" />
    <path d="M10 20.5a2 2 0 0 0 4 0" />
  </Icon>
);

export const PersonIcon = (props) => (
  <Icon {...props}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4.5 20.5c.8-4 3.7-6 7.5-6s6.7 2 7.5 6" />
  </Icon>
);

export const MessageIcon = (props) => (
  <Icon {...props}>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="m3.5 6.5 8.5 6.5 8.5-6.5" />
  </Icon>
);

export const MoreIcon = (props) => (
  <Icon {...props}>
    <circle cx="12" cy="12" r="9" />
    <circle cx="8" cy="12" r=".6" fill="currentColor" />
    <circle cx="12" cy="12" r=".6" fill="currentColor" />
    <circle cx="16" cy="12" r=".6" fill="currentColor" />
  </Icon>
);

export const ReplyIcon = (props) => (
  <Icon {...props}>
    <path d="M4 11.5a7.5 7 0 1 1 3.2 5.8L3.5 19l1.2-3.6A7 7 0 0 1 4 11.5z" />
  </Icon>
);

export const RepostIcon = (props) => (
  <Icon {...props}>
    <path d="M6 19V8.5a2 2 0 0 1 2-2h9" />
    <path d="m14 3.5 3 3-3 3" />
    <path d="M18 5v10.5a2 2 0 0 1-2 2H7" />
    <path d="m10 20.5-3-3 3-3" />
  </Icon>
);

export const HeartIcon = ({ filled, ...props }) => (
  <Icon {...props}>
    <path
      d="M12 20s-7.5-4.4-7.5-10A4.3 4.3 0 0 1 12 7.4 4.3 4.3 0 0 1 19.5 10c0 5.6-7.5 10-7.5 10z"
      fill={filled ? 'currentColor' : 'none'}
    />
  </Icon>
);

export const ShareIcon = (props) => (
  <Icon {...props}>
    <path d="M12 15V3.5" />
    <path d="m8 7 4-3.5L16 7" />
    <path d="M5 12v7.5a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V12" />
  </Icon>
);

export const TrashIcon = (props) => (
  <Icon {...props}>
    <path d="M4 6.5h16M9.5 6.5V4h5v2.5M6.5 6.5l1 13.5h9l1-13.5" />
  </Icon>
);

export const BombIcon = (props) => (
  <Icon {...props}>
    <circle cx="10.5" cy="13.5" r="6.5" fill="currentColor" stroke="none" />
    <path d="M15 9l2-2" />
    <path d="M17.5 3.5v1.5M20.5 6.5H19M19.6 4.4l-1 1" />
  </Icon>
);

export const SearchIcon = (props) => (
  <Icon {...props}>
    <circle cx="10.5" cy="10.5" r="6" />
    <path d="m15 15 5.5 5.5" />
  </Icon>
);

export const CloseIcon = (props) => (
  <Icon {...props}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Icon>
);

export const PencilIcon = (props) => (
  <Icon {...props}>
    <path d="M4 20l1-4.5L15.5 5a2.1 2.1 0 0 1 3 3L8 18.5z" />
    <path d="M13.5 7l3 3" />
  </Icon>
);

export const SignOutIcon = (props) => (
  <Icon {...props}>
    <path d="M14 4.5H6a1 1 0 0 0-1 1v13a1 1 0 0 0 1 1h8" />
    <path d="M10 12h10.5M17 8.5l3.5 3.5-3.5 3.5" />
  </Icon>
);
