// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @notice A token that behaves like Circle's USDC (FiatTokenV2_2) where Gapless can tell the difference:
/// 6 decimals; EIP-2612 permit under the EIP-712 domain (name, version "2"); `pause`/`unpause` that make
/// every transfer, approve and permit revert; a blocklist that makes any transfer from or to a listed
/// account revert, and any approve, permit or `transferFrom` by a listed spender; EIP-5267
/// `eip712Domain()`. Minting is open (tests and the demo); pausing and the blocklist belong to the
/// deployer, as they belong to Circle's pauser and blacklister on the real token.
/// @dev Reverts with custom errors where USDC reverts with strings; callers must not rely on either.
contract UsdcLikeToken is ERC20, IERC20Permit, EIP712, Nonces {
    /// @dev The caller is not the admin (USDC's pauser or blacklister).
    error UsdcNotAdmin(address caller);
    /// @dev The token is paused ("Pausable: paused").
    error UsdcPaused();
    /// @dev The account is blocklisted ("Blacklistable: account is blacklisted").
    error UsdcBlacklisted(address account);
    /// @dev The permit's deadline has passed ("FiatTokenV2: permit is expired").
    error UsdcPermitExpired(uint256 deadline);
    /// @dev The permit was not signed by the owner ("EIP2612: invalid signature").
    error UsdcInvalidSignature(address signer, address owner);

    /// @dev The admin paused the token.
    event Pause();
    /// @dev The admin unpaused the token.
    event Unpause();
    /// @dev The admin put `account` on the blocklist.
    event Blacklisted(address indexed account);
    /// @dev The admin took `account` off the blocklist.
    event UnBlacklisted(address indexed account);

    bytes32 private constant _PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    address public immutable admin;

    bool public paused;
    mapping(address account => bool) public isBlacklisted;

    constructor() ERC20("USD Coin", "USDC") EIP712("USD Coin", "2") {
        admin = msg.sender;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert UsdcNotAdmin(msg.sender);
        _;
    }

    modifier whenNotPaused() {
        if (paused) revert UsdcPaused();
        _;
    }

    modifier notBlacklisted(address account) {
        if (isBlacklisted[account]) revert UsdcBlacklisted(account);
        _;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external whenNotPaused notBlacklisted(to) {
        _mint(to, amount);
    }

    function pause() external onlyAdmin {
        paused = true;
        emit Pause();
    }

    function unpause() external onlyAdmin {
        paused = false;
        emit Unpause();
    }

    function blacklist(address account) external onlyAdmin {
        isBlacklisted[account] = true;
        emit Blacklisted(account);
    }

    function unBlacklist(address account) external onlyAdmin {
        isBlacklisted[account] = false;
        emit UnBlacklisted(account);
    }

    function approve(
        address spender,
        uint256 value
    ) public override whenNotPaused notBlacklisted(msg.sender) notBlacklisted(spender) returns (bool) {
        return super.approve(spender, value);
    }

    function transferFrom(
        address from,
        address to,
        uint256 value
    ) public override notBlacklisted(msg.sender) returns (bool) {
        return super.transferFrom(from, to, value);
    }

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external whenNotPaused notBlacklisted(owner) notBlacklisted(spender) {
        if (block.timestamp > deadline) revert UsdcPermitExpired(deadline);
        bytes32 structHash = keccak256(abi.encode(_PERMIT_TYPEHASH, owner, spender, value, _useNonce(owner), deadline));
        address signer = ECDSA.recover(_hashTypedDataV4(structHash), v, r, s);
        if (signer != owner) revert UsdcInvalidSignature(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) public view override(IERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IERC20Permit
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev Every balance change (transfer, transferFrom, mint) passes here: paused or a listed party reverts.
    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        if (isBlacklisted[from]) revert UsdcBlacklisted(from);
        if (isBlacklisted[to]) revert UsdcBlacklisted(to);
        super._update(from, to, value);
    }
}
